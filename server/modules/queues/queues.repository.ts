import { sql, type Selectable, type SelectQueryBuilder } from "kysely";
import type { MemberListQuery } from "../../../common/api/groups.ts";
import type { QueueListQuery, QueueStrategy } from "../../../common/api/queues.ts";
import type { Channel } from "../../../common/domain/channels.ts";
import type { Role } from "../../../common/domain/roles.ts";
import type { Executor } from "../../db/database.ts";
import type { Database, QueuesTable } from "../../db/tables.ts";
import { containsPattern, countOf, memberPage, namedGroupPage } from "../memberships/query-helpers.ts";

export type QueueRow = Selectable<QueuesTable>;
export interface QueueWithCount extends QueueRow {
  memberCount: number;
}
export interface QueueMemberRow {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  addedAt: Date;
}
export interface QueueFields {
  name: string;
  channel: Channel;
  strategy: QueueStrategy;
  timeoutSeconds: number;
  offerTimeoutSeconds: number;
  description: string | null;
}

/**
 * Whose queues: every queue (`undefined`, admins) or only those a supervisor is enabled on (product.md:
 * a supervisor is scoped by the queues they are a member of).
 */
export type QueueScope = string | undefined;

function scoped<Output>(builder: SelectQueryBuilder<Database, "queues", Output>, scope: QueueScope) {
  if (scope === undefined) {
    return builder;
  }
  return builder.where((eb) =>
    eb.exists(eb.selectFrom("queueMembers").select("queueMembers.queueId").whereRef("queueMembers.queueId", "=", "queues.id").where("queueMembers.userId", "=", scope)),
  );
}

function queuesWithCount(executor: Executor, scope: QueueScope) {
  const builder = executor
    .selectFrom("queues")
    .selectAll("queues")
    .select((eb) =>
      eb.selectFrom("queueMembers").select((inner) => inner.fn.countAll<number>().as("count")).whereRef("queueMembers.queueId", "=", "queues.id").as("memberCount"),
    );
  return scoped(builder, scope);
}

function withCount(row: QueueRow & { memberCount: number | null }): QueueWithCount {
  return { ...row, memberCount: countOf(row.memberCount) };
}

export async function listQueues(executor: Executor, query: QueueListQuery, scope: QueueScope): Promise<{ rows: QueueWithCount[]; total: number }> {
  const search = query.search ? containsPattern(query.search) : undefined;
  const filter = <Output>(builder: SelectQueryBuilder<Database, "queues", Output>) =>
    builder
      .$if(search !== undefined, (inner) => inner.where("queues.name", "ilike", search ?? ""))
      .$if(query.channel !== undefined, (inner) => inner.where("queues.channel", "=", query.channel ?? "voice"));
  const { rows, total } = await namedGroupPage(
    "queues",
    query,
    filter(queuesWithCount(executor, scope)),
    filter(scoped(executor.selectFrom("queues").select((eb) => eb.fn.countAll<number>().as("total")), scope)),
  );
  return { rows: rows.map(withCount), total };
}

export async function findQueue(executor: Executor, queueId: string, scope: QueueScope): Promise<QueueWithCount | undefined> {
  const row = await queuesWithCount(executor, scope).where("queues.id", "=", queueId).executeTakeFirst();
  return row ? withCount(row) : undefined;
}

/** Locks queues the scope may see: `share` while members join or leave, `update` before a change or delete. */
export async function lockQueues(executor: Executor, queueIds: readonly string[], scope: QueueScope, mode: "share" | "update"): Promise<QueueRow[]> {
  if (queueIds.length === 0) {
    return [];
  }
  const query = scoped(executor.selectFrom("queues").selectAll("queues"), scope).where("queues.id", "in", [...queueIds]).orderBy("queues.id");
  return (mode === "share" ? query.forShare() : query.forUpdate()).execute();
}

/** Every queue of a channel the scope may see, locked against deletion (seed 002: "add ALL the queues"). */
export async function lockQueuesOfChannel(executor: Executor, channel: Channel, scope: QueueScope): Promise<QueueRow[]> {
  return scoped(executor.selectFrom("queues").selectAll("queues"), scope).where("queues.channel", "=", channel).orderBy("queues.id").forShare().execute();
}

/** Undefined when the name is taken (ignoring case). */
export async function insertQueue(executor: Executor, queue: QueueFields): Promise<QueueRow | undefined> {
  return executor.insertInto("queues").values(queue).onConflict((conflict) => conflict.doNothing()).returningAll().executeTakeFirst();
}

export async function updateQueue(executor: Executor, queueId: string, changes: Partial<QueueFields>): Promise<QueueRow | undefined> {
  return executor
    .updateTable("queues")
    .set({ ...changes, updatedAt: sql<Date>`now()` })
    .where("id", "=", queueId)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteQueue(executor: Executor, queueId: string): Promise<void> {
  await executor.deleteFrom("queues").where("id", "=", queueId).execute();
}

export async function listQueueMembers(executor: Executor, queueId: string, query: MemberListQuery): Promise<{ rows: QueueMemberRow[]; total: number }> {
  return memberPage(executor.selectFrom("queueMembers").innerJoin("users", "users.id", "queueMembers.userId").where("queueMembers.queueId", "=", queueId), query, (builder) =>
    builder.select(["users.id", "users.username", "users.fullName", "users.role", "queueMembers.createdAt as addedAt"]),
  );
}

export async function findQueueMemberIds(executor: Executor, queueId: string): Promise<string[]> {
  const rows = await executor.selectFrom("queueMembers").select("userId").where("queueId", "=", queueId).execute();
  return rows.map((row) => row.userId);
}

/** Any number of (queue, user) pairs; those already there are left alone. Returns the pairs added. */
export async function insertQueueMembers(executor: Executor, pairs: readonly { queueId: string; userId: string }[]): Promise<{ queueId: string; userId: string }[]> {
  if (pairs.length === 0) {
    return [];
  }
  return executor
    .insertInto("queueMembers")
    .values([...pairs])
    .onConflict((conflict) => conflict.doNothing())
    .returning(["queueId", "userId"])
    .execute();
}

export async function deleteQueueMembers(executor: Executor, queueId: string, userIds: readonly string[]): Promise<string[]> {
  const rows = await executor
    .deleteFrom("queueMembers")
    .where("queueId", "=", queueId)
    .where("userId", "in", [...userIds])
    .returning("userId")
    .execute();
  return rows.map((row) => row.userId);
}
