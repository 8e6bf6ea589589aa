import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { interactionIdSchema } from "../../../common/api/interactions.ts";
import {
  createMomentNotificationRequestSchema,
  listMomentContentsQuerySchema,
  listMomentNotificationsQuerySchema,
  listMomentsQuerySchema,
  markMomentRequestSchema,
  momentContentParamsSchema,
  momentContentRequestSchema,
  momentContentSchema,
  momentNotificationParamsSchema,
  momentNotificationSchema,
  momentParamsSchema,
  momentSchema,
  momentsAccessSchema,
  transcriptSegmentRequestSchema,
  transcriptSegmentResponseSchema,
  tryMomentsRequestSchema,
  tryMomentsResponseSchema,
  updateMomentContentRequestSchema,
  updateMomentNotificationRequestSchema,
} from "../../../common/api/moments.ts";
import { pageSchema } from "../../../common/api/pagination.ts";
import { actorOf, requirePrincipal } from "../../http/access.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { MomentsConfigService } from "./moments-config.service.ts";
import { tryText } from "./moments-try.ts";
import type { MomentsService } from "./moments.service.ts";

// product.md, Moments: admins and supervisors manage notifications and content (supervisors within their scope);
// an agent with self-service access manages their own; the service scopes every call (404 outside it) and refuses
// an agent without self-service (404 `moments_self_service_off`). The desktop module switch applies to agents.
const EVERYONE = { access: ["admin", "supervisor", "agent"], module: "moments" } as const;
// The speech-to-text integration posts transcript segments with an admin's API token (like telephony events).
const INTEGRATIONS = { access: ["admin"] } as const;
const tags = ["moments"];

export function registerMomentsRoutes(app: FastifyInstance, config: MomentsConfigService, moments: MomentsService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get("/api/v1/moments/access", {
    config: { access: ["admin", "supervisor", "agent"] },
    schema: { tags, summary: "What you may do in Moments: manage (admins, supervisors), self-service (agents, with the reasons when not), receive", response: { 200: momentsAccessSchema, ...errorResponses } },
    handler: async (request) => config.access(requirePrincipal(request)),
  });

  routes.get("/api/v1/moments/notifications", {
    config: EVERYONE,
    schema: { tags, summary: "The notifications you may see (an agent: their own)", querystring: listMomentNotificationsQuerySchema, response: { 200: pageSchema(momentNotificationSchema), ...errorResponses } },
    handler: async (request) => config.listNotifications(requirePrincipal(request), request.query),
  });

  routes.post("/api/v1/moments/notifications", {
    config: EVERYONE,
    schema: {
      tags,
      summary: "Create a notification; an agent's reaches them alone and matches phrases only",
      body: createMomentNotificationRequestSchema,
      response: { 201: momentNotificationSchema, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await config.createNotification(actorOf(request), request.body)),
  });

  routes.get("/api/v1/moments/notifications/:notificationId", {
    config: EVERYONE,
    schema: { tags, summary: "One notification", params: momentNotificationParamsSchema, response: { 200: momentNotificationSchema, ...errorResponses } },
    handler: async (request) => config.getNotification(requirePrincipal(request), request.params.notificationId),
  });

  routes.patch("/api/v1/moments/notifications/:notificationId", {
    config: EVERYONE,
    schema: {
      tags,
      summary: "Change a notification (criteria and targets are replaced as a whole when given)",
      params: momentNotificationParamsSchema,
      body: updateMomentNotificationRequestSchema,
      response: { 200: momentNotificationSchema, ...errorResponses },
    },
    handler: async (request) => config.updateNotification(actorOf(request), request.params.notificationId, request.body),
  });

  routes.delete("/api/v1/moments/notifications/:notificationId", {
    config: EVERYONE,
    schema: { tags, summary: "Delete a notification (its firings stay in the reports)", params: momentNotificationParamsSchema, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await config.deleteNotification(actorOf(request), request.params.notificationId);
      return reply.code(204).send(null);
    },
  });

  routes.post("/api/v1/moments/try", {
    config: EVERYONE,
    schema: {
      tags,
      summary: "What a sample text would fire among your notifications and the criteria being edited",
      body: tryMomentsRequestSchema,
      response: { 200: tryMomentsResponseSchema, ...errorResponses },
    },
    handler: async (request) => {
      const saved = await config.triable(requirePrincipal(request));
      const draft = request.body.criteria ? [{ id: null, name: "This notification", criteria: request.body.criteria }] : [];
      return tryText([...draft, ...saved.map((notification) => ({ id: notification.id, name: notification.name, criteria: notification.criteria }))], request.body.text, request.body.speaker);
    },
  });

  routes.get("/api/v1/moments/contents", {
    config: EVERYONE,
    schema: { tags, summary: "The content items you may see (an agent: their own)", querystring: listMomentContentsQuerySchema, response: { 200: pageSchema(momentContentSchema), ...errorResponses } },
    handler: async (request) => config.listContents(requirePrincipal(request), request.query),
  });

  routes.post("/api/v1/moments/contents", {
    config: EVERYONE,
    schema: { tags, summary: "Create a content item; its rich text is sanitised", body: momentContentRequestSchema, response: { 201: momentContentSchema, ...errorResponses } },
    handler: async (request, reply) => reply.code(201).send(await config.createContent(actorOf(request), request.body)),
  });

  routes.get("/api/v1/moments/contents/:contentId", {
    config: EVERYONE,
    schema: { tags, summary: "One content item", params: momentContentParamsSchema, response: { 200: momentContentSchema, ...errorResponses } },
    handler: async (request) => config.getContent(requirePrincipal(request), request.params.contentId),
  });

  routes.patch("/api/v1/moments/contents/:contentId", {
    config: EVERYONE,
    schema: { tags, summary: "Change a content item", params: momentContentParamsSchema, body: updateMomentContentRequestSchema, response: { 200: momentContentSchema, ...errorResponses } },
    handler: async (request) => config.updateContent(actorOf(request), request.params.contentId, request.body),
  });

  routes.delete("/api/v1/moments/contents/:contentId", {
    config: EVERYONE,
    schema: { tags, summary: "Delete a content item (it leaves the notifications that showed it)", params: momentContentParamsSchema, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await config.deleteContent(actorOf(request), request.params.contentId);
      return reply.code(204).send(null);
    },
  });

  routes.get("/api/v1/moments", {
    config: EVERYONE,
    schema: { tags, summary: "The moments of one conversation: an agent's own; for managers, those of their agents", querystring: listMomentsQuerySchema, response: { 200: z.object({ items: z.array(momentSchema) }), ...errorResponses } },
    handler: async (request) => ({ items: await moments.listForInteraction(requirePrincipal(request), request.query.interactionId) }),
  });

  routes.patch("/api/v1/moments/:momentId", {
    config: EVERYONE,
    schema: { tags, summary: "Dismiss a moment you received, or mark it helpful (or not)", params: momentParamsSchema, body: markMomentRequestSchema, response: { 200: momentSchema, ...errorResponses } },
    handler: async (request) => moments.mark(requirePrincipal(request), request.params.momentId, request.body),
  });

  routes.post("/api/v1/interactions/:interactionId/transcript", {
    config: INTEGRATIONS,
    schema: {
      tags,
      summary: "A speech-to-text segment of a live conversation (speaker, text, offsets), matched like a message",
      description: "For the speech-to-text integration, with an admin's API token. 409 `interaction_not_active` once the conversation has ended.",
      params: z.object({ interactionId: interactionIdSchema }),
      body: transcriptSegmentRequestSchema,
      response: { 202: transcriptSegmentResponseSchema, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(202).send(await moments.addTranscript(request.params.interactionId, request.body)),
  });
}
