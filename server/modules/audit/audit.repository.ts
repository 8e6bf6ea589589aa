import type { AuditQuery } from "../../../common/api/audit.ts";
import type { Executor } from "../../db/database.ts";
import type { AuditLogTable } from "../../db/tables.ts";
import type { Insertable, Selectable } from "kysely";

export type AuditRow = Selectable<AuditLogTable>;

export async function insertAuditEntry(executor: Executor, entry: Insertable<AuditLogTable>): Promise<void> {
  await executor.insertInto("auditLog").values(entry).execute();
}

export async function findAuditEntries(executor: Executor, query: AuditQuery): Promise<{ rows: AuditRow[]; total: number }> {
  let filtered = executor.selectFrom("auditLog");
  if (query.actorId) {
    filtered = filtered.where("actorId", "=", query.actorId);
  }
  if (query.entityType) {
    filtered = filtered.where("entityType", "=", query.entityType);
  }
  if (query.entityId) {
    filtered = filtered.where("entityId", "=", query.entityId);
  }
  if (query.action) {
    filtered = filtered.where("action", "=", query.action);
  }
  if (query.from) {
    filtered = filtered.where("occurredAt", ">=", new Date(query.from));
  }
  if (query.to) {
    filtered = filtered.where("occurredAt", "<", new Date(query.to));
  }
  const [rows, count] = await Promise.all([
    filtered
      .selectAll()
      .orderBy("occurredAt", "desc")
      .orderBy("id", "desc")
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    filtered.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}
