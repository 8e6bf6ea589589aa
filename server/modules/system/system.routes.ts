import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { errorBodySchema } from "../../../common/api/errors.ts";
import { healthSchema, readinessSchema } from "../../../common/api/system.ts";
import type { SystemService } from "./system.service.ts";

export function registerSystemRoutes(app: FastifyInstance, systemService: SystemService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  // The process answers: for a liveness probe.
  routes.get("/healthz", {
    config: { access: "public" },
    schema: { tags: ["system"], summary: "The process is up", response: { 200: healthSchema } },
    handler: () => ({ status: "ok" as const }),
  });

  // The database answers: for a readiness probe and load balancers.
  routes.get("/readyz", {
    config: { access: "public" },
    schema: { tags: ["system"], summary: "The database is reachable", response: { 200: readinessSchema, 503: errorBodySchema } },
    handler: async (_request, reply) => {
      if (await systemService.isDatabaseReachable()) {
        return { status: "ok" as const, database: "ok" as const };
      }
      return reply.code(503).send({ error: { code: "database_unreachable", message: "The database does not answer." } });
    },
  });
}
