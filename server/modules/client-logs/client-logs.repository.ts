import { sql } from "kysely";
import type { ClientLogLevel, ClientLogLine, ClientLogQuery } from "../../../common/api/client-logs.ts";
import type { Executor } from "../../db/database.ts";

export interface ClientLogRow {
  id: string;
  loggedAt: Date;
  receivedAt: Date;
  level: ClientLogLevel;
  message: string;
  /** The context as its JSON text: read as text so its keys come back as the browser sent them. */
  contextJson: string | null;
}

// CamelCasePlugin rewrites the keys of objects it reads, jsonb included; the context is read as text instead.
const ROW_COLUMNS = ["id", "loggedAt", "receivedAt", "level", "message", sql<string | null>`context::text`.as("contextJson")] as const;

export async function findClientLogSettings(executor: Executor, userId: string): Promise<{ enabled: boolean; level: ClientLogLevel } | undefined> {
  const row = await executor.selectFrom("users").select(["clientLogsEnabled", "clientLogLevel"]).where("id", "=", userId).executeTakeFirst();
  return row ? { enabled: row.clientLogsEnabled, level: row.clientLogLevel } : undefined;
}

export async function writeClientLogSettings(executor: Executor, userId: string, settings: { enabled: boolean; level: ClientLogLevel }): Promise<void> {
  await executor.updateTable("users").set({ clientLogsEnabled: settings.enabled, clientLogLevel: settings.level }).where("id", "=", userId).execute();
}

export async function insertClientLogs(executor: Executor, userId: string, lines: ClientLogLine[]): Promise<void> {
  if (lines.length === 0) {
    return;
  }
  await executor
    .insertInto("clientLogs")
    .values(
      lines.map((line) => ({
        userId,
        loggedAt: line.loggedAt,
        level: line.level,
        message: line.message,
        context: line.context ? JSON.stringify(line.context) : null,
      })),
    )
    .execute();
}

/** A page of the agent's lines, newest first, of one level when asked. */
export async function findClientLogPage(executor: Executor, userId: string, query: ClientLogQuery): Promise<{ rows: ClientLogRow[]; total: number }> {
  let base = executor.selectFrom("clientLogs").where("userId", "=", userId);
  if (query.level) {
    base = base.where("level", "=", query.level);
  }
  const [rows, count] = await Promise.all([
    base
      .select(ROW_COLUMNS)
      .orderBy("loggedAt", "desc")
      .orderBy("id", "desc")
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

const DOWNLOAD_BATCH = 1000;

/** Every line of the agent, oldest first, read in batches so a long log never sits in memory at once. */
export async function* streamClientLogs(executor: Executor, userId: string, level: ClientLogLevel | undefined): AsyncGenerator<ClientLogRow> {
  let after: { loggedAt: Date; id: string } | undefined;
  for (;;) {
    let query = executor.selectFrom("clientLogs").select(ROW_COLUMNS).where("userId", "=", userId);
    if (level) {
      query = query.where("level", "=", level);
    }
    if (after) {
      const cursor = after;
      query = query.where((eb) =>
        eb.or([eb("loggedAt", ">", cursor.loggedAt), eb.and([eb("loggedAt", "=", cursor.loggedAt), eb("id", ">", cursor.id)])]),
      );
    }
    const rows = await query.orderBy("loggedAt", "asc").orderBy("id", "asc").limit(DOWNLOAD_BATCH).execute();
    yield* rows;
    const last = rows.at(-1);
    if (!last || rows.length < DOWNLOAD_BATCH) {
      return;
    }
    after = { loggedAt: last.loggedAt, id: last.id };
  }
}
