import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { agentParamsSchema } from "../../../common/api/channels.ts";
import { agentLicencesSchema, updateAgentLicencesRequestSchema } from "../../../common/api/licences.ts";
import { actorOf } from "../../http/access.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { LicencesService } from "./licences.service.ts";

const MANAGERS = ["admin", "supervisor"] as const;

export function registerLicencesRoutes(app: FastifyInstance, licencesService: LicencesService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get("/api/v1/agents/:agentId/licences", {
    config: { access: MANAGERS },
    schema: {
      tags: ["licences"],
      summary: "An agent's licences and whether Moments self-service is allowed (with the reasons when not)",
      params: agentParamsSchema,
      response: { 200: agentLicencesSchema, ...errorResponses },
    },
    handler: async (request) => licencesService.getForAgent(actorOf(request), request.params.agentId),
  });

  routes.put("/api/v1/agents/:agentId/licences", {
    config: { access: MANAGERS },
    schema: {
      tags: ["licences"],
      summary: "Turn an agent's moments or administration licence on or off",
      params: agentParamsSchema,
      body: updateAgentLicencesRequestSchema,
      response: { 200: agentLicencesSchema, ...errorResponses },
    },
    handler: async (request) => licencesService.updateForAgent(actorOf(request), request.params.agentId, request.body),
  });
}
