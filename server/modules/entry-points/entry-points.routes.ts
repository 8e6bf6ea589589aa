import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  createdEntryPointSchema,
  createEntryPointRequestSchema,
  entryPointListQuerySchema,
  entryPointParamsSchema,
  entryPointSchema,
  inboundKeySchema,
  updateEntryPointRequestSchema,
} from "../../../common/api/entry-points.ts";
import { pageSchema } from "../../../common/api/pagination.ts";
import { actorOf, requirePrincipal } from "../../http/access.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { EntryPointsService } from "./entry-points.service.ts";

// Admins set entry points up; supervisors read them (without the webhook signing secret); agents get 403.
const STAFF = ["admin", "supervisor"] as const;
const ADMINS = ["admin"] as const;
const tags = ["entry points"];

export function registerEntryPointsRoutes(app: FastifyInstance, entryPoints: EntryPointsService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get("/api/v1/entry-points", {
    config: { access: STAFF },
    schema: { tags, summary: "List entry points by name, with their queue chains", querystring: entryPointListQuerySchema, response: { 200: pageSchema(entryPointSchema), ...errorResponses } },
    handler: async (request) => entryPoints.list(request.query, requirePrincipal(request)),
  });

  routes.post("/api/v1/entry-points", {
    config: { access: ADMINS },
    schema: {
      tags,
      summary: "Create an entry point; an open channel's inbound key is in this answer only",
      body: createEntryPointRequestSchema,
      response: { 201: createdEntryPointSchema, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await entryPoints.create(request.body, actorOf(request))),
  });

  routes.get("/api/v1/entry-points/:entryPointId", {
    config: { access: STAFF },
    schema: { tags, summary: "Read an entry point", params: entryPointParamsSchema, response: { 200: entryPointSchema, ...errorResponses } },
    handler: async (request) => entryPoints.get(request.params.entryPointId, requirePrincipal(request)),
  });

  routes.patch("/api/v1/entry-points/:entryPointId", {
    config: { access: ADMINS },
    schema: {
      tags,
      summary: "Change an entry point's name, address, queue chain or webhook",
      params: entryPointParamsSchema,
      body: updateEntryPointRequestSchema,
      response: { 200: entryPointSchema, ...errorResponses },
    },
    handler: async (request) => entryPoints.update(request.params.entryPointId, request.body, actorOf(request)),
  });

  routes.delete("/api/v1/entry-points/:entryPointId", {
    config: { access: ADMINS },
    schema: { tags, summary: "Delete an entry point", params: entryPointParamsSchema, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await entryPoints.delete(request.params.entryPointId, actorOf(request));
      return reply.code(204).send(null);
    },
  });

  routes.post("/api/v1/entry-points/:entryPointId/inbound-key", {
    config: { access: ADMINS },
    schema: { tags, summary: "Replace an open channel's inbound key; the new key is in this answer only", params: entryPointParamsSchema, response: { 200: inboundKeySchema, ...errorResponses } },
    handler: async (request) => entryPoints.rotateInboundKey(request.params.entryPointId, actorOf(request)),
  });

  routes.post("/api/v1/entry-points/:entryPointId/webhook-secret", {
    config: { access: ADMINS },
    schema: { tags, summary: "Replace an open channel's webhook signing secret", params: entryPointParamsSchema, response: { 200: entryPointSchema, ...errorResponses } },
    handler: async (request) => entryPoints.rotateWebhookSecret(request.params.entryPointId, actorOf(request)),
  });
}
