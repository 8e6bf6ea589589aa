import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { agentMembershipsSchema, agentParamsSchema } from "../../../common/api/groups.ts";
import { requirePrincipal } from "../../http/access.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { MembershipsService } from "./memberships.service.ts";

export function registerMembershipsRoutes(app: FastifyInstance, membershipsService: MembershipsService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get("/api/v1/agents/:agentId/memberships", {
    config: { access: ["admin", "supervisor"] },
    schema: {
      tags: ["memberships"],
      summary: "An agent's teams (with role), queues (by channel), campaigns and lists",
      params: agentParamsSchema,
      response: { 200: agentMembershipsSchema, ...errorResponses },
    },
    handler: async (request) => membershipsService.membershipsOf(request.params.agentId, requirePrincipal(request)),
  });
}
