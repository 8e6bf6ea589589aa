import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { entryPointIdSchema, inboundMessageRequestSchema, interactionIdSchema } from "../../../common/api/interactions.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { OpenChannelService } from "./open-channel.service.ts";

export interface OpenChannelRouteOptions {
  /** Requests per entry point per minute, counted once the inbound key is accepted. */
  rateLimit: number;
}

const tags = ["open channel"];
const entryPointParamsSchema = z.object({ entryPointId: entryPointIdSchema });
const conversationParamsSchema = entryPointParamsSchema.extend({
  conversationId: z.string().trim().min(1, "conversationId: required").max(200, "conversationId: at most 200 characters"),
});
const acceptedSchema = z.object({ interactionId: interactionIdSchema, messageId: z.uuid() }).meta({ id: "InboundMessageAccepted" });

function entryPointIdOf(request: FastifyRequest): string | undefined {
  const parsed = entryPointIdSchema.safeParse((request.params as { entryPointId?: unknown }).entryPointId);
  return parsed.success ? parsed.data : undefined;
}

// Public to the session and token check: the caller is the customer-facing system, holding the entry point's
// inbound key. The key is checked first, before the body is even read, then the per-entry-point rate limit.
export function registerOpenChannelRoutes(app: FastifyInstance, openChannel: OpenChannelService, options: OpenChannelRouteOptions): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const guard = {
    access: "public" as const,
    rateLimit: { max: options.rateLimit, timeWindow: "1 minute", keyGenerator: (request: FastifyRequest) => `openchannel:${entryPointIdOf(request) ?? "none"}` },
  };
  const onRequest = async (request: FastifyRequest) => openChannel.authenticate(entryPointIdOf(request), request.headers.authorization);

  routes.post("/api/v1/open-channel/:entryPointId/messages", {
    config: guard,
    onRequest,
    schema: {
      tags,
      summary: "Post a customer's message to an open-channel entry point (Authorization: Bearer <inbound key>)",
      params: entryPointParamsSchema,
      body: inboundMessageRequestSchema,
      response: { 202: acceptedSchema, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(202).send(await openChannel.receive(request.params.entryPointId, request.body)),
  });

  routes.post("/api/v1/open-channel/:entryPointId/conversations/:conversationId/close", {
    config: guard,
    onRequest,
    schema: {
      tags,
      summary: "The customer left the conversation: it ends abandoned if nobody accepted it yet, else it is closed",
      params: conversationParamsSchema,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await openChannel.close(request.params.entryPointId, request.params.conversationId);
      return reply.code(204).send(null);
    },
  });
}
