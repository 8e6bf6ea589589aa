import { sql } from "kysely";
import type { Executor } from "../../db/database.ts";

export interface CustomStatusRow {
  id: string;
  name: string;
  pausesRouting: boolean;
  position: number;
}

export interface CustomStatusFields {
  name?: string | undefined;
  pausesRouting?: boolean | undefined;
  position?: number | undefined;
}

const COLUMNS = ["id", "name", "pausesRouting", "position"] as const;

/** Every custom status, in the order the desktop's selector shows them: position, then name. */
export async function listCustomStatuses(executor: Executor): Promise<CustomStatusRow[]> {
  return executor.selectFrom("customStatuses").select(COLUMNS).orderBy("position").orderBy(sql`lower(name)`).orderBy("id").execute();
}

/** The status; `lock` holds it until the transaction ends: `share` while an agent picks it, `update` to change it. */
export async function findCustomStatus(executor: Executor, id: string, options: { lock?: "share" | "update" } = {}): Promise<CustomStatusRow | undefined> {
  const query = executor.selectFrom("customStatuses").select(COLUMNS).where("id", "=", id);
  if (options.lock === "share") {
    return query.forShare().executeTakeFirst();
  }
  return (options.lock === "update" ? query.forUpdate() : query).executeTakeFirst();
}

/** Inserts the status; a name already used (ignoring case) answers undefined. */
export async function insertCustomStatus(executor: Executor, fields: { name: string; pausesRouting: boolean; position?: number | undefined }): Promise<CustomStatusRow | undefined> {
  const position = fields.position ?? sql<number>`(select coalesce(max(position) + 1, 0) from custom_statuses)`;
  return executor
    .insertInto("customStatuses")
    .values({ name: fields.name, pausesRouting: fields.pausesRouting, position })
    .onConflict((conflict) => conflict.doNothing())
    .returning(COLUMNS)
    .executeTakeFirst();
}

export async function updateCustomStatus(executor: Executor, id: string, changes: CustomStatusFields): Promise<CustomStatusRow | undefined> {
  return executor
    .updateTable("customStatuses")
    .set({ ...changes, updatedAt: sql<Date>`now()` })
    .where("id", "=", id)
    .returning(COLUMNS)
    .executeTakeFirst();
}

export async function deleteCustomStatus(executor: Executor, id: string): Promise<void> {
  await executor.deleteFrom("customStatuses").where("id", "=", id).execute();
}

/** Agents in the status now, or on a call that returns them to it. */
export async function lockAgentsUsingStatus(executor: Executor, id: string): Promise<string[]> {
  const rows = await executor
    .selectFrom("agentPresence")
    .select("userId")
    .where((eb) => eb.or([eb("customStatusId", "=", id), eb("customStatusBeforeCall", "=", id)]))
    .orderBy("userId")
    .forUpdate()
    .execute();
  return rows.map((row) => row.userId);
}

/** The status is going away: its agents become ready, and a call ends in ready. Answers the agents moved now. */
export async function moveAgentsOutOfStatus(executor: Executor, id: string): Promise<string[]> {
  await executor
    .updateTable("agentPresence")
    .set({ statusBeforeCall: "ready", customStatusBeforeCall: null, updatedAt: sql<Date>`now()` })
    .where("customStatusBeforeCall", "=", id)
    .execute();
  const moved = await executor
    .updateTable("agentPresence")
    .set({ status: "ready", customStatusId: null, statusSince: sql<Date>`now()`, updatedAt: sql<Date>`now()` })
    .where("customStatusId", "=", id)
    .returning("userId")
    .execute();
  return moved.map((row) => row.userId);
}
