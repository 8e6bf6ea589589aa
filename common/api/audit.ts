import { z } from "zod";
import { paginationQuerySchema } from "./pagination.ts";

export const auditEntrySchema = z
  .object({
    id: z.uuid(),
    occurredAt: z.iso.datetime(),
    actorId: z.uuid().nullable(),
    actorUsername: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    summary: z.string(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
  })
  .meta({ id: "AuditEntry" });
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = paginationQuerySchema.extend({
  actorId: z.uuid("actorId: a user id").optional(),
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(200).optional(),
  action: z.string().max(64).optional(),
  from: z.iso.datetime({ offset: true, message: "from: an ISO date-time" }).optional(),
  to: z.iso.datetime({ offset: true, message: "to: an ISO date-time" }).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
