import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  channelPauseParamsSchema,
  presenceAgentParamsSchema,
  presenceSchema,
  setChannelPauseRequestSchema,
  setStatusRequestSchema,
  signOutRequestSchema,
} from "../../../common/api/presence.ts";
import { actorOf, requirePrincipal } from "../../http/access.ts";
import { errorResponses } from "../../http/openapi.ts";
import { clearSessionCookie } from "../auth/auth.routes.ts";
import type { AuthService } from "../auth/auth.service.ts";
import type { PresenceService } from "./presence.service.ts";

// Everyone who signs in has a presence (admins and supervisors may take work too); another agent's is for
// admins and the supervisors of that agent's queues.
const EVERYONE = ["admin", "supervisor", "agent"] as const;
const MANAGERS = ["admin", "supervisor"] as const;
const tags = ["presence"];

export interface PresenceRoutesOptions {
  cookieSecure: boolean;
}

export function registerPresenceRoutes(app: FastifyInstance, presenceService: PresenceService, authService: AuthService, options: PresenceRoutesOptions): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get("/api/v1/presence/me", {
    config: { access: EVERYONE },
    schema: { tags, summary: "My presence: status, custom status, whether my desktop is connected, paused channels", response: { 200: presenceSchema, ...errorResponses } },
    handler: async (request) => presenceService.get(requirePrincipal(request).user.id),
  });

  routes.get("/api/v1/presence/:agentId", {
    config: { access: MANAGERS },
    schema: { tags, summary: "An agent's presence (supervisors: the agents of their queues)", params: presenceAgentParamsSchema, response: { 200: presenceSchema, ...errorResponses } },
    handler: async (request) => presenceService.getForAgent(actorOf(request), request.params.agentId),
  });

  routes.put("/api/v1/presence/me/status", {
    config: { access: EVERYONE },
    schema: {
      tags,
      summary: "Set my status: ready, or a custom status",
      description: "Refused while on a call (409 `on_call`): the call's end brings back the status before it.",
      body: setStatusRequestSchema,
      response: { 200: presenceSchema, ...errorResponses },
    },
    handler: async (request) => presenceService.setStatus(actorOf(request), request.body),
  });

  routes.put("/api/v1/presence/me/channels/pause", {
    config: { access: EVERYONE },
    schema: { tags, summary: "Pause or unpause me on every channel at once", body: setChannelPauseRequestSchema, response: { 200: presenceSchema, ...errorResponses } },
    handler: async (request) => presenceService.setAllChannelsPause(actorOf(request), request.body.paused),
  });

  routes.put("/api/v1/presence/me/channels/:channel/pause", {
    config: { access: EVERYONE },
    schema: {
      tags,
      summary: "Pause or unpause me on one channel of the account",
      params: channelPauseParamsSchema,
      body: setChannelPauseRequestSchema,
      response: { 200: presenceSchema, ...errorResponses },
    },
    handler: async (request) => presenceService.setChannelPause(actorOf(request), request.params.channel, request.body.paused),
  });

  routes.post("/api/v1/presence/me/sign-out", {
    config: { access: EVERYONE },
    schema: {
      tags,
      summary: "End my shift: go offline and end this session",
      description:
        "With open interactions and no `openInteractions` choice the answer is 409 `open_interactions` (`details.count`); " +
        "`requeue` puts them back in their queues, `close` closes them.",
      body: signOutRequestSchema,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await presenceService.signOut(actorOf(request), request.body);
      await authService.logout(requirePrincipal(request));
      clearSessionCookie(reply, options.cookieSecure);
      return reply.code(204).send(null);
    },
  });
}
