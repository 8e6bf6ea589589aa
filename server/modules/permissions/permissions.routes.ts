import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { agentParamsSchema } from "../../../common/api/channels.ts";
import { agentPermissionsSchema, updateAgentPermissionsRequestSchema } from "../../../common/api/permissions.ts";
import { actorOf, requirePrincipal } from "../../http/access.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { PermissionsService } from "./permissions.service.ts";

const MANAGERS = ["admin", "supervisor"] as const;
const EVERYONE = ["admin", "supervisor", "agent"] as const;

export function registerPermissionsRoutes(app: FastifyInstance, permissionsService: PermissionsService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get("/api/v1/me/permissions", {
    config: { access: EVERYONE },
    schema: {
      tags: ["permissions"],
      summary: "My permissions and which desktop modules are on",
      response: { 200: agentPermissionsSchema, ...errorResponses },
    },
    handler: async (request) => permissionsService.getOwn(requirePrincipal(request)),
  });

  routes.get("/api/v1/agents/:agentId/permissions", {
    config: { access: MANAGERS },
    schema: {
      tags: ["permissions"],
      summary: "An agent's permissions, downloads and module switches",
      params: agentParamsSchema,
      response: { 200: agentPermissionsSchema, ...errorResponses },
    },
    handler: async (request) => permissionsService.getForAgent(actorOf(request), request.params.agentId),
  });

  routes.put("/api/v1/agents/:agentId/permissions", {
    config: { access: MANAGERS },
    schema: {
      tags: ["permissions"],
      summary: "Change an agent's permissions (only the fields sent; modules one by one); takes effect at once",
      params: agentParamsSchema,
      body: updateAgentPermissionsRequestSchema,
      response: { 200: agentPermissionsSchema, ...errorResponses },
    },
    handler: async (request) => permissionsService.updateForAgent(actorOf(request), request.params.agentId, request.body),
  });
}
