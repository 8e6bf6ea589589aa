import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  createCustomStatusRequestSchema,
  customStatusListSchema,
  customStatusParamsSchema,
  customStatusSchema,
  updateCustomStatusRequestSchema,
} from "../../../common/api/presence.ts";
import { actorOf } from "../../http/access.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { CustomStatusesService } from "./custom-statuses.service.ts";

// Everyone signed in reads them (the desktop's status selector); admins define them.
const EVERYONE = ["admin", "supervisor", "agent"] as const;
const ADMINS = ["admin"] as const;
const tags = ["presence"];

export function registerCustomStatusesRoutes(app: FastifyInstance, customStatusesService: CustomStatusesService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get("/api/v1/custom-statuses", {
    config: { access: EVERYONE },
    schema: { tags, summary: "The custom statuses (Break, Lunch…), in the selector's order", response: { 200: customStatusListSchema, ...errorResponses } },
    handler: async () => ({ items: await customStatusesService.list() }),
  });

  routes.post("/api/v1/custom-statuses", {
    config: { access: ADMINS },
    schema: {
      tags,
      summary: "Define a custom status; its name is unique ignoring case",
      body: createCustomStatusRequestSchema,
      response: { 201: customStatusSchema, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await customStatusesService.create(actorOf(request), request.body)),
  });

  routes.patch("/api/v1/custom-statuses/:customStatusId", {
    config: { access: ADMINS },
    schema: {
      tags,
      summary: "Rename a custom status, change whether it pauses routing, or move it",
      params: customStatusParamsSchema,
      body: updateCustomStatusRequestSchema,
      response: { 200: customStatusSchema, ...errorResponses },
    },
    handler: async (request) => customStatusesService.update(actorOf(request), request.params.customStatusId, request.body),
  });

  routes.delete("/api/v1/custom-statuses/:customStatusId", {
    config: { access: ADMINS },
    schema: {
      tags,
      summary: "Delete a custom status",
      description:
        "Agents in a status that does not pause routing become ready. A status that pauses routing is refused while anyone is in it " +
        "(409 `custom_status_in_use`, `details.count`).",
      params: customStatusParamsSchema,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await customStatusesService.delete(actorOf(request), request.params.customStatusId);
      return reply.code(204).send(null);
    },
  });
}
