import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  inboxCountersSchema,
  inboxSchema,
  interactionMessageSchema,
  interactionParamsSchema,
  interactionSchema,
  messagesPageSchema,
  messagesQuerySchema,
  queueAttemptsSchema,
  replyRequestSchema,
} from "../../../common/api/interactions.ts";
import { actorOf } from "../../http/access.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { RoutingService } from "../../routing/routing.service.ts";
import type { InteractionsService } from "./interactions.service.ts";

// Everyone signed in works their own inbox; the service checks ownership of each interaction.
const STAFF = ["agent", "supervisor", "admin"] as const;
const MANAGERS = ["admin", "supervisor"] as const;

export function registerInteractionsRoutes(app: FastifyInstance, routing: RoutingService, interactions: InteractionsService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const inbox = { access: STAFF, module: "inbox" } as const;

  routes.get("/api/v1/inbox", {
    config: inbox,
    schema: { tags: ["inbox"], summary: "Your pending alerts and open interactions", response: { 200: inboxSchema, ...errorResponses } },
    handler: async (request) => routing.inbox(actorOf(request).principal.user.id),
  });

  routes.get("/api/v1/inbox/counters", {
    config: inbox,
    schema: { tags: ["inbox"], summary: "What you hold per channel against your capacity, and your open tabs against the limit", response: { 200: inboxCountersSchema, ...errorResponses } },
    handler: async (request) => interactions.counters(actorOf(request).principal.user.id),
  });

  routes.get("/api/v1/interactions/:interactionId", {
    config: { access: STAFF },
    schema: { tags: ["inbox"], summary: "One interaction: its owner, an agent it is offered to, an admin, or a supervisor of its queue", params: interactionParamsSchema, response: { 200: interactionSchema, ...errorResponses } },
    handler: async (request) => routing.get(actorOf(request), request.params.interactionId),
  });

  routes.post("/api/v1/interactions/:interactionId/accept", {
    config: inbox,
    schema: { tags: ["inbox"], summary: "Accept an alert: the first accept wins, within your capacity and tab limit", params: interactionParamsSchema, response: { 200: interactionSchema, ...errorResponses } },
    handler: async (request) => routing.accept(actorOf(request), request.params.interactionId),
  });

  routes.post("/api/v1/interactions/:interactionId/reject", {
    config: inbox,
    schema: { tags: ["inbox"], summary: "Reject an alert: it goes to the next agent", params: interactionParamsSchema, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await routing.reject(actorOf(request), request.params.interactionId);
      return reply.code(204).send(null);
    },
  });

  routes.post("/api/v1/interactions/:interactionId/close", {
    config: inbox,
    schema: { tags: ["inbox"], summary: "Close an interaction you own", params: interactionParamsSchema, response: { 200: interactionSchema, ...errorResponses } },
    handler: async (request) => routing.close(actorOf(request), request.params.interactionId),
  });

  routes.get("/api/v1/interactions/:interactionId/messages", {
    config: { access: STAFF },
    schema: {
      tags: ["inbox"],
      summary: "The interaction's messages, oldest first: all, or with `limit` the newest page before the message `before` (scroll back)",
      params: interactionParamsSchema,
      querystring: messagesQuerySchema,
      response: { 200: messagesPageSchema, ...errorResponses },
    },
    handler: async (request) => routing.messages(actorOf(request), request.params.interactionId, request.query),
  });

  routes.post("/api/v1/interactions/:interactionId/messages", {
    config: inbox,
    schema: { tags: ["inbox"], summary: "Reply to the customer on an interaction you own", params: interactionParamsSchema, body: replyRequestSchema, response: { 201: interactionMessageSchema, ...errorResponses } },
    handler: async (request, reply) => reply.status(201).send(await routing.reply(actorOf(request), request.params.interactionId, request.body.body)),
  });

  routes.get("/api/v1/interactions/:interactionId/queue-attempts", {
    config: { access: MANAGERS },
    schema: { tags: ["reports"], summary: "The interaction's queue-report rows: one per queue attempt", params: interactionParamsSchema, response: { 200: queueAttemptsSchema, ...errorResponses } },
    handler: async (request) => ({ items: await interactions.queueAttempts(actorOf(request), request.params.interactionId) }),
  });
}
