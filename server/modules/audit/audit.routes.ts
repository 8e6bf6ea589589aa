import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { auditEntrySchema, auditQuerySchema } from "../../../common/api/audit.ts";
import { pageSchema } from "../../../common/api/pagination.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { AuditService } from "./audit.service.ts";

export function registerAuditRoutes(app: FastifyInstance, auditService: AuditService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get("/api/v1/audit", {
    config: { access: ["admin"] },
    schema: {
      tags: ["audit"],
      summary: "Read the audit log of admin changes, newest first",
      querystring: auditQuerySchema,
      response: { 200: pageSchema(auditEntrySchema), ...errorResponses },
    },
    handler: async (request) => auditService.list(request.query),
  });
}
