import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  createMessageTemplateRequestSchema,
  messageTemplateListSchema,
  messageTemplateParamsSchema,
  messageTemplateSchema,
  updateMessageTemplateRequestSchema,
} from "../../../common/api/message-templates.ts";
import { actorOf } from "../../http/access.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { MessageTemplatesService } from "./message-templates.service.ts";

const tags = ["texting"];
const admins = { access: ["admin"] } as const;

export function registerMessageTemplatesRoutes(app: FastifyInstance, templates: MessageTemplatesService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get("/api/v1/message-templates", {
    // Agents insert them in the reply box; admins keep them.
    config: { access: ["agent", "supervisor", "admin"] },
    schema: { tags, summary: "The message templates, by name", response: { 200: messageTemplateListSchema, ...errorResponses } },
    handler: async () => ({ items: await templates.list() }),
  });

  routes.post("/api/v1/message-templates", {
    config: admins,
    schema: { tags, summary: "Create a message template; placeholders: {{contact.name}}, {{agent.alias}}", body: createMessageTemplateRequestSchema, response: { 201: messageTemplateSchema, ...errorResponses } },
    handler: async (request, reply) => reply.code(201).send(await templates.create(actorOf(request), request.body)),
  });

  routes.patch("/api/v1/message-templates/:templateId", {
    config: admins,
    schema: { tags, summary: "Change a message template", params: messageTemplateParamsSchema, body: updateMessageTemplateRequestSchema, response: { 200: messageTemplateSchema, ...errorResponses } },
    handler: async (request) => templates.update(actorOf(request), request.params.templateId, request.body),
  });

  routes.delete("/api/v1/message-templates/:templateId", {
    config: admins,
    schema: { tags, summary: "Delete a message template", params: messageTemplateParamsSchema, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await templates.delete(actorOf(request), request.params.templateId);
      return reply.code(204).send(null);
    },
  });
}
