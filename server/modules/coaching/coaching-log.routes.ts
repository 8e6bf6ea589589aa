import type { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  coachingLogEntrySchema,
  coachingLogFiltersSchema,
  coachingLogParamsSchema,
  coachingLogQuerySchema,
  coachingLogRecipientSchema,
  coachingSettingsSchema,
  updateCoachingSettingsRequestSchema,
} from "../../../common/api/coaching.ts";
import { pageSchema, paginationQuerySchema } from "../../../common/api/pagination.ts";
import { actorOf } from "../../http/access.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { CoachingClearDownService } from "./coaching-clear-down.service.ts";
import type { CoachingLogService } from "./coaching-log.service.ts";
import { coachingCsvStream } from "./coaching.csv.ts";

// product.md, Coaching messages: "Every message stays in a permanent log that admins can read". Admins also set
// the overnight clear-down's time and time zone.
const ADMINS = ["admin"] as const;
const tags = ["coaching"];

export function registerCoachingLogRoutes(app: FastifyInstance, log: CoachingLogService, clearDown: CoachingClearDownService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get("/api/v1/coaching/log", {
    config: { access: ADMINS },
    schema: {
      tags,
      summary: "The permanent log of coaching messages, newest first: search by sender, agent, text and a date range",
      querystring: coachingLogQuerySchema,
      response: { 200: pageSchema(coachingLogEntrySchema), ...errorResponses },
    },
    handler: async (request) => log.list(request.query),
  });

  routes.get("/api/v1/coaching/log/export.csv", {
    config: { access: ADMINS },
    schema: {
      tags,
      summary: "Export the matching log as CSV: one line per agent's copy, with delivered, read and cleared times",
      querystring: coachingLogFiltersSchema,
      response: { 200: z.custom<Readable>().meta({ description: "text/csv (RFC 4180)" }), ...errorResponses },
    },
    handler: async (request, reply) => {
      const date = new Date().toISOString().slice(0, 10);
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="coaching-log-${date}.csv"`)
        .header("cache-control", "no-store")
        .send(coachingCsvStream(log.exportRecords(request.query), (error) => request.log.error({ err: error }, "coaching log export failed part-way")));
    },
  });

  routes.get("/api/v1/coaching/log/:messageId/recipients", {
    config: { access: ADMINS },
    schema: {
      tags,
      summary: "A logged message's recipients with their delivered, read and cleared times",
      params: coachingLogParamsSchema,
      querystring: paginationQuerySchema,
      response: { 200: pageSchema(coachingLogRecipientSchema), ...errorResponses },
    },
    handler: async (request) => log.recipients(request.params.messageId, request.query),
  });

  routes.get("/api/v1/settings/coaching", {
    config: { access: ADMINS },
    schema: { tags, summary: "The overnight clear-down of agents' coaching messages: local time, time zone, next run", response: { 200: coachingSettingsSchema, ...errorResponses } },
    handler: async () => clearDown.getSettings(),
  });

  routes.patch("/api/v1/settings/coaching", {
    config: { access: ADMINS },
    schema: {
      tags,
      summary: "Change the clear-down's local time (HH:MM) or the account's time zone; the next run follows",
      body: updateCoachingSettingsRequestSchema,
      response: { 200: coachingSettingsSchema, ...errorResponses },
    },
    handler: async (request) => clearDown.updateSettings(actorOf(request), request.body),
  });
}
