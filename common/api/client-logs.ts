import { z } from "zod";
import { paginationQuerySchema } from "./pagination.ts";
import { userIdSchema } from "../domain/ids.ts";

// product.md, The agent record: client logs "on/off with a minimum level (error, warning, info, debug)".
// Ordered from the most to the least severe: a level ships itself and every level before it.
export const CLIENT_LOG_LEVELS = ["error", "warning", "info", "debug"] as const;
// Messages without a field name: the schemas are nested (lines.3.level), and the error handler prefixes the path.
export const clientLogLevelSchema = z.enum(CLIENT_LOG_LEVELS, `one of ${CLIENT_LOG_LEVELS.join(", ")}`);
export type ClientLogLevel = z.infer<typeof clientLogLevelSchema>;

/** Whether a line of `level` is shipped when the minimum level is `minimum`. */
export function isLevelShipped(level: ClientLogLevel, minimum: ClientLogLevel): boolean {
  return CLIENT_LOG_LEVELS.indexOf(level) <= CLIENT_LOG_LEVELS.indexOf(minimum);
}

export const clientLogSettingsSchema = z
  .object({ enabled: z.boolean("enabled: true or false"), level: clientLogLevelSchema })
  .meta({ id: "ClientLogSettings" });
export type ClientLogSettings = z.infer<typeof clientLogSettingsSchema>;

export const updateClientLogSettingsRequestSchema = clientLogSettingsSchema.partial();
export type UpdateClientLogSettingsRequest = z.infer<typeof updateClientLogSettingsRequestSchema>;

export const CLIENT_LOG_BATCH_MAX = 200;
export const CLIENT_LOG_MESSAGE_MAX = 4000;
export const CLIENT_LOG_CONTEXT_MAX = 4000;

export const clientLogLineSchema = z.object({
  loggedAt: z.iso.datetime({ message: "an ISO 8601 date-time", offset: true }),
  level: clientLogLevelSchema,
  message: z.string("text").min(1, "required").max(CLIENT_LOG_MESSAGE_MAX, `at most ${CLIENT_LOG_MESSAGE_MAX} characters`),
  context: z
    .record(z.string(), z.unknown(), "an object")
    .refine((context) => JSON.stringify(context).length <= CLIENT_LOG_CONTEXT_MAX, `at most ${CLIENT_LOG_CONTEXT_MAX} characters as JSON`)
    .nullable()
    .optional(),
});
export type ClientLogLine = z.infer<typeof clientLogLineSchema>;

export const shipClientLogsRequestSchema = z.object({
  lines: z
    .array(clientLogLineSchema, "lines: a list of log lines")
    .min(1, "lines: at least 1")
    .max(CLIENT_LOG_BATCH_MAX, `lines: at most ${CLIENT_LOG_BATCH_MAX} per batch`),
});
export type ShipClientLogsRequest = z.infer<typeof shipClientLogsRequestSchema>;

/** Lines below the agent's minimum level are dropped, not stored. */
export const shipClientLogsResponseSchema = z.object({ accepted: z.int(), dropped: z.int() }).meta({ id: "ShippedClientLogs" });
export type ShipClientLogsResponse = z.infer<typeof shipClientLogsResponseSchema>;

export const clientLogEntrySchema = z
  .object({
    id: z.uuid(),
    loggedAt: z.iso.datetime(),
    receivedAt: z.iso.datetime(),
    level: z.enum(CLIENT_LOG_LEVELS),
    message: z.string(),
    context: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: "ClientLogEntry" });
export type ClientLogEntry = z.infer<typeof clientLogEntrySchema>;

export const clientLogQuerySchema = paginationQuerySchema.extend({
  // Exactly this level; every level when absent.
  level: clientLogLevelSchema.optional(),
});
export type ClientLogQuery = z.infer<typeof clientLogQuerySchema>;

export const clientLogDownloadQuerySchema = z.object({
  format: z.enum(["text", "csv"], "format: text or csv").default("text"),
  level: clientLogLevelSchema.optional(),
});
export type ClientLogDownloadQuery = z.infer<typeof clientLogDownloadQuerySchema>;

export const agentClientLogSettingsSchema = clientLogSettingsSchema.extend({ agentId: userIdSchema }).meta({ id: "AgentClientLogSettings" });
export type AgentClientLogSettings = z.infer<typeof agentClientLogSettingsSchema>;
