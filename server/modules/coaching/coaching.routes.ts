import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  coachingInboxSchema,
  coachingReadSchema,
  coachingRecipientAgentSchema,
  coachingUnreadSchema,
  listRecipientsQuerySchema,
  markCoachingReadRequestSchema,
  previewRecipientsRequestSchema,
  recipientsPreviewSchema,
  sendCoachingMessageRequestSchema,
  sentCoachingMessageSchema,
} from "../../../common/api/coaching.ts";
import { pageSchema } from "../../../common/api/pagination.ts";
import { actorOf, requirePrincipal } from "../../http/access.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { CoachingService } from "./coaching.service.ts";

// product.md, Coaching messages: admins and supervisors send (a supervisor to the agents of their queues; the
// service scopes every call); agents read their own day. One-way: there is no reply and no unsend route.
const SENDERS = ["admin", "supervisor"] as const;
const AGENTS = ["agent"] as const;
const tags = ["coaching"];

export function registerCoachingRoutes(app: FastifyInstance, coachingService: CoachingService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get("/api/v1/coaching/recipients", {
    config: { access: SENDERS },
    schema: {
      tags,
      summary: "The agents a group reaches (groupKind and groupId), or every agent you may message; filters as the agents list",
      querystring: listRecipientsQuerySchema,
      response: { 200: pageSchema(coachingRecipientAgentSchema), ...errorResponses },
    },
    handler: async (request) => coachingService.listRecipients(actorOf(request), request.query),
  });

  routes.post("/api/v1/coaching/recipients/preview", {
    config: { access: SENDERS },
    schema: {
      tags,
      summary: "What the confirmation shows before sending: the agent's name, or the group's name and its number of agents",
      body: previewRecipientsRequestSchema,
      response: { 200: recipientsPreviewSchema, ...errorResponses },
    },
    handler: async (request) => coachingService.preview(actorOf(request), request.body.target),
  });

  routes.post("/api/v1/coaching/messages", {
    config: { access: SENDERS },
    schema: {
      tags,
      summary: "Send a coaching message to one agent or a group; it cannot be unsent",
      description: "409 `no_recipients` when the group, with its filters, reaches no agent you may message; 409 `coaching_turned_off` for an agent whose coaching module is off.",
      body: sendCoachingMessageRequestSchema,
      response: { 201: sentCoachingMessageSchema, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await coachingService.send(actorOf(request), request.body)),
  });

  routes.get("/api/v1/coaching/inbox", {
    config: { access: AGENTS, module: "coaching" },
    schema: { tags, summary: "My coaching messages of the day (since the last clear-down), oldest first", response: { 200: coachingInboxSchema, ...errorResponses } },
    handler: async (request) => coachingService.inbox(requirePrincipal(request)),
  });

  routes.get("/api/v1/coaching/inbox/unread", {
    config: { access: AGENTS, module: "coaching" },
    schema: { tags, summary: "How many of my coaching messages are unread (the bell)", response: { 200: coachingUnreadSchema, ...errorResponses } },
    handler: async (request) => coachingService.unread(requirePrincipal(request)),
  });

  routes.post("/api/v1/coaching/inbox/read", {
    config: { access: AGENTS, module: "coaching" },
    schema: { tags, summary: "Mark some of my coaching messages read", body: markCoachingReadRequestSchema, response: { 200: coachingReadSchema, ...errorResponses } },
    handler: async (request) => coachingService.markRead(requirePrincipal(request), request.body.messageIds),
  });
}
