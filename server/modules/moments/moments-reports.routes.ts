import type { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { momentReportQuerySchema, momentReportSchema } from "../../../common/api/moments.ts";
import { requirePrincipal } from "../../http/access.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { MomentsReportsService } from "./moments-reports.service.ts";
import { momentsCsvStream } from "./moments.csv.ts";

// seed 000: an agent's reports, data, charts and filters are scoped to that agent alone (the service forces it).
const EVERYONE = { access: ["admin", "supervisor", "agent"], module: "moments" } as const;
const tags = ["moments"];

export function registerMomentsReportsRoutes(app: FastifyInstance, reports: MomentsReportsService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get("/api/v1/moments/reports", {
    config: EVERYONE,
    schema: {
      tags,
      summary: "Firings over time, per notification, per agent and per team (date range and filters; an agent sees themselves only)",
      querystring: momentReportQuerySchema,
      response: { 200: momentReportSchema, ...errorResponses },
    },
    handler: async (request) => reports.report(requirePrincipal(request), request.query),
  });

  routes.get("/api/v1/moments/reports/export.csv", {
    config: EVERYONE,
    schema: {
      tags,
      summary: "The report's firings as CSV, one line each",
      querystring: momentReportQuerySchema,
      response: { 200: z.custom<Readable>().meta({ description: "text/csv (RFC 4180)" }), ...errorResponses },
    },
    handler: async (request, reply) => {
      const records = await reports.exportRecords(requirePrincipal(request), request.query);
      const date = new Date().toISOString().slice(0, 10);
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="moments-${date}.csv"`)
        .header("cache-control", "no-store")
        .send(momentsCsvStream(records, (error) => request.log.error({ err: error }, "moments export failed part-way")));
    },
  });
}
