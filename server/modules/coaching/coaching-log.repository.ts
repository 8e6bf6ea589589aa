import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { CoachingLogFilters } from "../../../common/api/coaching.ts";
import type { Executor } from "../../db/database.ts";
import type { CoachingTargetKind, Database } from "../../db/tables.ts";

// The permanent log of coaching messages (issue 6, item 5): every message with its sender, the group used and its
// recipients' delivered and read times, kept after the overnight clear-down. Admins search it by sender, agent,
// date and text, page it, and export it as CSV in bounded batches.

export interface LogMessageRow {
  id: string;
  senderId: string | null;
  senderName: string;
  senderUsername: string;
  body: string;
  targetKind: CoachingTargetKind;
  targetId: string | null;
  targetName: string;
  filters: Record<string, unknown>;
  recipientCount: number;
  createdAt: Date;
}

export interface LogRecipientRow {
  id: number;
  messageId: string;
  agentId: string | null;
  agentName: string;
  agentUsername: string;
  deliveredAt: Date | null;
  readAt: Date | null;
  clearedAt: Date | null;
}

const MESSAGE_COLUMNS = [
  "coachingMessages.id",
  "coachingMessages.senderId",
  "coachingMessages.senderName",
  "coachingMessages.senderUsername",
  "coachingMessages.body",
  "coachingMessages.targetKind",
  "coachingMessages.targetId",
  "coachingMessages.targetName",
  "coachingMessages.filters",
  "coachingMessages.recipientCount",
  "coachingMessages.createdAt",
] as const;

const RECIPIENT_COLUMNS = ["id", "messageId", "agentId", "agentName", "agentUsername", "deliveredAt", "readAt", "clearedAt"] as const;

/** `%text%` for LIKE on lower-cased columns, the user's own % and _ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** An agent filter as a condition on a recipient row (`coaching_recipients`). */
function recipientMatches(agent: string) {
  const pattern = containsPattern(agent);
  return sql<SqlBool>`(lower(coaching_recipients.agent_name) like ${pattern} or lower(coaching_recipients.agent_username) like ${pattern})`;
}

function messageConditions(filters: CoachingLogFilters) {
  return (eb: ExpressionBuilder<Database, "coachingMessages">): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [];
    if (filters.sender) {
      const pattern = containsPattern(filters.sender);
      conditions.push(sql<SqlBool>`(lower(coaching_messages.sender_name) like ${pattern} or lower(coaching_messages.sender_username) like ${pattern})`);
    }
    if (filters.text) {
      conditions.push(sql<SqlBool>`lower(coaching_messages.body) like ${containsPattern(filters.text)}`);
    }
    if (filters.agent) {
      const agent = filters.agent;
      conditions.push(
        eb.exists(eb.selectFrom("coachingRecipients").whereRef("coachingRecipients.messageId", "=", "coachingMessages.id").where(recipientMatches(agent)).select(sql.lit(1).as("found"))),
      );
    }
    if (filters.from) {
      conditions.push(eb("coachingMessages.createdAt", ">=", new Date(filters.from)));
    }
    if (filters.to) {
      conditions.push(eb("coachingMessages.createdAt", "<", new Date(filters.to)));
    }
    return eb.and(conditions);
  };
}

export async function findLogPage(
  executor: Executor,
  filters: CoachingLogFilters,
  page: { page: number; pageSize: number },
): Promise<{ rows: (LogMessageRow & { deliveredCount: number; readCount: number })[]; total: number }> {
  const filtered = executor.selectFrom("coachingMessages").where(messageConditions(filters));
  const counted = (eb: ExpressionBuilder<Database, "coachingMessages">, column: "deliveredAt" | "readAt") =>
    eb
      .selectFrom("coachingRecipients")
      .whereRef("coachingRecipients.messageId", "=", "coachingMessages.id")
      .where(`coachingRecipients.${column}`, "is not", null)
      .select((inner) => inner.fn.countAll<number>().as("count"));
  const [rows, count] = await Promise.all([
    filtered
      .select(MESSAGE_COLUMNS)
      .select((eb) => [counted(eb, "deliveredAt").as("deliveredCount"), counted(eb, "readAt").as("readCount")])
      .orderBy("coachingMessages.createdAt", "desc")
      .orderBy("coachingMessages.id", "desc")
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    filtered.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((row) => ({ ...row, deliveredCount: Number(row.deliveredCount ?? 0), readCount: Number(row.readCount ?? 0) })), total: Number(count.total) };
}

export async function messageExists(executor: Executor, messageId: string): Promise<boolean> {
  return (await executor.selectFrom("coachingMessages").select("id").where("id", "=", messageId).executeTakeFirst()) !== undefined;
}

export async function findRecipientPage(executor: Executor, messageId: string, page: { page: number; pageSize: number }): Promise<{ rows: LogRecipientRow[]; total: number }> {
  const filtered = executor.selectFrom("coachingRecipients").where("messageId", "=", messageId);
  const [rows, count] = await Promise.all([
    filtered
      .select(RECIPIENT_COLUMNS)
      .orderBy(sql`lower(agent_name)`)
      .orderBy("id")
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    filtered.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

/** Messages of the log, newest first, after the cursor (the last one of the previous batch). */
export async function findMessageBatch(executor: Executor, filters: CoachingLogFilters, after: { createdAt: Date; id: string } | undefined, limit: number): Promise<LogMessageRow[]> {
  let query = executor.selectFrom("coachingMessages").select(MESSAGE_COLUMNS).where(messageConditions(filters));
  if (after) {
    query = query.where(sql<SqlBool>`(coaching_messages.created_at, coaching_messages.id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
  }
  return query.orderBy("coachingMessages.createdAt", "desc").orderBy("coachingMessages.id", "desc").limit(limit).execute();
}

/** Recipients of these messages (those matching the agent filter, when there is one), after a recipient id. */
export async function findRecipientBatch(executor: Executor, messageIds: readonly string[], agent: string | undefined, afterId: number, limit: number): Promise<LogRecipientRow[]> {
  let query = executor.selectFrom("coachingRecipients").select(RECIPIENT_COLUMNS).where("messageId", "in", messageIds).where("id", ">", afterId);
  if (agent) {
    query = query.where(recipientMatches(agent));
  }
  return query.orderBy("id").limit(limit).execute();
}
