import { sql } from "kysely";
import type { Executor } from "../../db/database.ts";
import type { CoachingTargetKind } from "../../db/tables.ts";
import { receivesLive } from "./coaching-recipients.repository.ts";

// Coaching messages and each agent's copy: the send's log row, the agent's day, reading, and the deliveries
// that catch up with agents who were offline or on a break.

export interface NewCoachingMessage {
  senderId: string;
  senderName: string;
  senderUsername: string;
  body: string;
  targetKind: CoachingTargetKind;
  targetId: string;
  targetName: string;
  filters: Record<string, unknown>;
  createdAt: Date;
}

export async function insertMessage(executor: Executor, message: NewCoachingMessage): Promise<{ id: string; createdAt: Date }> {
  return executor
    .insertInto("coachingMessages")
    .values({ ...message, filters: JSON.stringify(message.filters), recipientCount: 0 })
    .returning(["id", "createdAt"])
    .executeTakeFirstOrThrow();
}

export async function setRecipientCount(executor: Executor, messageId: string, recipientCount: number): Promise<void> {
  await executor.updateTable("coachingMessages").set({ recipientCount }).where("id", "=", messageId).execute();
}

export interface CopyRow {
  messageId: string;
  agentId: string;
  body: string;
  senderName: string;
  createdAt: Date;
  deliveredAt: Date | null;
  readAt: Date | null;
}

/** The agent's copies still in their view (not cleared down), oldest first. */
export async function findDayCopies(executor: Executor, agentId: string): Promise<CopyRow[]> {
  const rows = await executor
    .selectFrom("coachingRecipients")
    .innerJoin("coachingMessages", "coachingMessages.id", "coachingRecipients.messageId")
    .select([
      "coachingRecipients.messageId",
      "coachingRecipients.agentId",
      "coachingMessages.body",
      "coachingMessages.senderName",
      "coachingRecipients.createdAt",
      "coachingRecipients.deliveredAt",
      "coachingRecipients.readAt",
    ])
    .where("coachingRecipients.agentId", "=", agentId)
    .where("coachingRecipients.clearedAt", "is", null)
    .orderBy("coachingRecipients.createdAt")
    .orderBy("coachingRecipients.id")
    .execute();
  return rows.map((row) => ({ ...row, agentId: row.agentId ?? agentId }));
}

export async function countUnread(executor: Executor, agentId: string): Promise<number> {
  const row = await executor
    .selectFrom("coachingRecipients")
    .select((eb) => eb.fn.countAll<number>().as("unread"))
    .where("agentId", "=", agentId)
    .where("clearedAt", "is", null)
    .where("readAt", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.unread);
}

/** Marks the agent's own copies read (a read copy has reached the desktop, so it is delivered too); answers those that changed. */
export async function markRead(executor: Executor, agentId: string, messageIds: readonly string[], at: Date): Promise<string[]> {
  const rows = await executor
    .updateTable("coachingRecipients")
    .set({ readAt: at, deliveredAt: sql<Date>`coalesce(delivered_at, ${at}::timestamptz)` })
    .where("agentId", "=", agentId)
    .where("messageId", "in", messageIds)
    .where("readAt", "is", null)
    .where("clearedAt", "is", null)
    .returning("messageId")
    .execute();
  return rows.map((row) => row.messageId);
}

/**
 * Delivers the waiting copies of these agents who are now online in a working status, in one conditional
 * statement: whichever caller (a presence change, or a send that just committed) marks a copy delivered is the
 * one that pushes it, so none is pushed twice and none is left behind. Answers the copies delivered.
 */
export async function deliverWaiting(executor: Executor, scope: { agentIds: readonly string[] } | { messageId: string }, at: Date): Promise<CopyRow[]> {
  if ("agentIds" in scope && scope.agentIds.length === 0) {
    return [];
  }
  const live = executor
    .selectFrom("agentPresence")
    .leftJoin("customStatuses", "customStatuses.id", "agentPresence.customStatusId")
    .select("agentPresence.userId")
    .where(receivesLive);
  let update = executor
    .updateTable("coachingRecipients")
    .set({ deliveredAt: at })
    .where("deliveredAt", "is", null)
    .where("clearedAt", "is", null)
    .where("agentId", "in", live);
  update = "agentIds" in scope ? update.where("agentId", "in", scope.agentIds) : update.where("messageId", "=", scope.messageId);
  const delivered = await update.returning(["messageId", "agentId", "createdAt", "deliveredAt", "readAt"]).execute();
  if (delivered.length === 0) {
    return [];
  }
  const messages = await executor
    .selectFrom("coachingMessages")
    .select(["id", "body", "senderName"])
    .where("id", "in", [...new Set(delivered.map((row) => row.messageId))])
    .execute();
  const byId = new Map(messages.map((message) => [message.id, message]));
  return delivered
    .map((row) => {
      const message = byId.get(row.messageId);
      return { ...row, agentId: row.agentId ?? "", body: message?.body ?? "", senderName: message?.senderName ?? "" };
    })
    .sort((left, right) => left.createdAt.getTime() - right.createdAt.getTime());
}
