import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { agentChannelParamsSchema, agentChannelsSchema, agentParamsSchema, updateAgentChannelRequestSchema } from "../../../common/api/channels.ts";
import { actorOf } from "../../http/access.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { ChannelsService } from "./channels.service.ts";

// Admins for every agent, supervisors for the agents of their queues (the service checks the scope).
const MANAGERS = ["admin", "supervisor"] as const;

export function registerChannelsRoutes(app: FastifyInstance, channelsService: ChannelsService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get("/api/v1/agents/:agentId/channels", {
    config: { access: MANAGERS },
    schema: {
      tags: ["channels"],
      summary: "An agent's settings per channel of the account: stored values, effective values and their source",
      params: agentParamsSchema,
      response: { 200: agentChannelsSchema, ...errorResponses },
    },
    handler: async (request) => channelsService.getForAgent(actorOf(request), request.params.agentId),
  });

  routes.put("/api/v1/agents/:agentId/channels/:channel", {
    config: { access: MANAGERS },
    schema: {
      tags: ["channels"],
      summary: "Save an agent's settings on one channel (fields left out keep their value); capacity empty = the global default",
      params: agentChannelParamsSchema,
      body: updateAgentChannelRequestSchema,
      response: { 200: agentChannelsSchema, ...errorResponses },
    },
    handler: async (request) => channelsService.updateForAgent(actorOf(request), request.params.agentId, request.params.channel, request.body),
  });
}
