import { sql } from "kysely";
import type { Channel } from "../../common/domain/channels.ts";
import type { PresenceStatus } from "../../common/domain/presence.ts";
import type { Executor, Tx } from "../db/database.ts";
import type { InteractionState } from "../db/tables.ts";

// Routing SQL. Lock order, everywhere: an interaction first, then agents (agent_presence rows, in id order), then
// offers. Every change to what an agent holds locks the agent's presence row, so capacity checks cannot race.

export interface InteractionRow {
  id: string;
  channel: Channel;
  entryPointId: string | null;
  externalId: string | null;
  customerAddress: string;
  customerName: string | null;
  state: InteractionState;
  ownerId: string | null;
  queueId: string | null;
  chainPosition: number;
  queuedAt: Date;
  queueDeadlineAt: Date | null;
  openedAt: Date;
  acceptedAt: Date | null;
  closedAt: Date | null;
  lastMessageAt: Date | null;
  snippet: string | null;
}

export interface QueueRoutingRow {
  id: string;
  name: string;
  channel: Channel;
  strategy: "ring-all" | "longest-idle" | "round-robin" | "least-occupied";
  timeoutSeconds: number;
  offerTimeoutSeconds: number;
}

export interface CandidateRow {
  agentId: string;
  status: PresenceStatus;
  customStatusPausesRouting: boolean | null;
  connected: boolean;
  idleSince: Date;
  lastOfferedAt: Date | null;
  channelEnabled: boolean;
  channelPaused: boolean;
  channelCapacity: number | null;
  autoAnswerDelaySeconds: number | null;
  maskSensitiveData: boolean;
  activeTotal: number;
  activeOnChannel: number;
  pendingTotal: number;
  pendingOnChannel: number;
}

export async function lockWaitingInteraction(transaction: Tx, interactionId: string, wait: boolean): Promise<InteractionRow | undefined> {
  const query = transaction.selectFrom("interactions").selectAll().where("id", "=", interactionId).forUpdate();
  return (wait ? query : query.skipLocked()).executeTakeFirst();
}

export async function findInteraction(executor: Executor, interactionId: string): Promise<InteractionRow | undefined> {
  return executor.selectFrom("interactions").selectAll().where("id", "=", interactionId).executeTakeFirst();
}

export async function findQueue(executor: Executor, queueId: string): Promise<QueueRoutingRow | undefined> {
  return executor
    .selectFrom("queues")
    .select(["id", "name", "channel", "strategy", "timeoutSeconds", "offerTimeoutSeconds"])
    .where("id", "=", queueId)
    .executeTakeFirst();
}

export async function findQueueChain(executor: Executor, entryPointId: string): Promise<QueueRoutingRow[]> {
  return executor
    .selectFrom("entryPointQueues")
    .innerJoin("queues", "queues.id", "entryPointQueues.queueId")
    .select(["queues.id", "queues.name", "queues.channel", "queues.strategy", "queues.timeoutSeconds", "queues.offerTimeoutSeconds"])
    .where("entryPointQueues.entryPointId", "=", entryPointId)
    .orderBy("entryPointQueues.position")
    .execute();
}

/**
 * Queue members (or the given agents) with what decides whether they may be alerted: presence, channel settings
 * and what they hold (active interactions and pending offers). `agentIds` narrows to those agents.
 */
export async function findCandidates(
  executor: Executor,
  filter: { queueId: string; channel: Channel } | { agentIds: readonly string[]; channel: Channel },
): Promise<CandidateRow[]> {
  if ("agentIds" in filter && filter.agentIds.length === 0) {
    return [];
  }
  const members =
    "queueId" in filter
      ? sql`select user_id from queue_members where queue_id = ${filter.queueId}`
      : sql`select unnest(${sql.val(filter.agentIds)}::uuid[]) as user_id`;
  const result = await sql<CandidateRow>`
    select p.user_id as "agentId", p.status, cs.pauses_routing as "customStatusPausesRouting",
           coalesce(p.connected_until > now(), false) as connected,
           p.idle_since as "idleSince", p.last_offered_at as "lastOfferedAt",
           coalesce(ac.enabled, true) as "channelEnabled", coalesce(ac.paused, false) as "channelPaused",
           ac.capacity as "channelCapacity", ac.auto_answer_delay_seconds as "autoAnswerDelaySeconds",
           u.mask_sensitive_data as "maskSensitiveData",
           (select count(*)::int from interactions i where i.owner_id = p.user_id and i.state = 'active') as "activeTotal",
           (select count(*)::int from interactions i where i.owner_id = p.user_id and i.state = 'active' and i.channel = ${filter.channel}) as "activeOnChannel",
           (select count(*)::int from offers o where o.agent_id = p.user_id and o.state = 'pending') as "pendingTotal",
           (select count(*)::int from offers o where o.agent_id = p.user_id and o.state = 'pending' and o.channel = ${filter.channel}) as "pendingOnChannel"
      from (${members}) m
      join agent_presence p on p.user_id = m.user_id
      -- Supervisors are queue members to define their scope; only agents take the queue's work.
      join users u on u.id = p.user_id and not u.disabled and u.role = 'agent'
      left join custom_statuses cs on cs.id = p.custom_status_id
      left join agent_channels ac on ac.user_id = p.user_id and ac.channel = ${filter.channel}`.execute(executor);
  return result.rows;
}

/** Locks agents' presence rows in id order (no deadlock between routers); answers the ids that exist. */
export async function lockAgents(transaction: Tx, agentIds: readonly string[]): Promise<string[]> {
  if (agentIds.length === 0) {
    return [];
  }
  const rows = await transaction
    .selectFrom("agentPresence")
    .select("userId")
    .where("userId", "in", [...agentIds])
    .orderBy("userId")
    .forUpdate()
    .execute();
  return rows.map((row) => row.userId);
}

export interface OfferHistory {
  pendingAgentIds: Set<string>;
  rejectedAgentIds: Set<string>;
  triedAgentIds: Set<string>;
}

export async function findOfferHistory(executor: Executor, interactionId: string, attemptId: string): Promise<OfferHistory> {
  const rows = await executor
    .selectFrom("offers")
    .select(["agentId", "state", "attemptId"])
    .where("interactionId", "=", interactionId)
    .where((eb) => eb.or([eb("state", "=", "pending"), eb("attemptId", "=", attemptId)]))
    .execute();
  const history: OfferHistory = { pendingAgentIds: new Set(), rejectedAgentIds: new Set(), triedAgentIds: new Set() };
  for (const row of rows) {
    if (row.state === "pending") {
      history.pendingAgentIds.add(row.agentId);
    }
    if (row.attemptId === attemptId) {
      history.triedAgentIds.add(row.agentId);
      if (row.state === "rejected") {
        history.rejectedAgentIds.add(row.agentId);
      }
    }
  }
  return history;
}

export async function findOpenAttempt(executor: Executor, interactionId: string): Promise<{ id: string } | undefined> {
  return executor.selectFrom("queueAttempts").select("id").where("interactionId", "=", interactionId).where("leftAt", "is", null).executeTakeFirst();
}

export async function openAttempt(executor: Executor, interaction: { id: string; channel: Channel }, queueId: string): Promise<string> {
  const row = await executor
    .insertInto("queueAttempts")
    .values({ interactionId: interaction.id, queueId, channel: interaction.channel })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function closeAttempt(executor: Executor, interactionId: string, reason: "accepted" | "timeout" | "abandoned", agentId: string | null): Promise<void> {
  await executor
    .updateTable("queueAttempts")
    .set({ leftAt: sql<Date>`now()`, reason, agentId })
    .where("interactionId", "=", interactionId)
    .where("leftAt", "is", null)
    .execute();
}

/** Ends every pending offer of the interaction; answers who held them. */
export async function endPendingOffers(
  executor: Executor,
  interactionId: string,
  state: "withdrawn" | "expired" | "rejected",
  onlyAgentId?: string,
): Promise<{ id: string; agentId: string }[]> {
  let query = executor
    .updateTable("offers")
    .set({ state, decidedAt: sql<Date>`now()` })
    .where("interactionId", "=", interactionId)
    .where("state", "=", "pending");
  if (onlyAgentId) {
    query = query.where("agentId", "=", onlyAgentId);
  }
  return query.returning(["id", "agentId"]).execute();
}

export async function countPendingOffers(executor: Executor, interactionId: string): Promise<number> {
  const row = await executor
    .selectFrom("offers")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("interactionId", "=", interactionId)
    .where("state", "=", "pending")
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function setInteractionState(executor: Executor, interactionId: string, state: InteractionState): Promise<void> {
  await executor.updateTable("interactions").set({ state, updatedAt: sql<Date>`now()` }).where("id", "=", interactionId).execute();
}

// A drain looks at this many of each queue's oldest waiting interactions, so a long backlog in a queue nobody works
// never hides the other queues' work.
const WAITING_PER_QUEUE = 50;

/** Waiting interactions of these queues, oldest first (product.md, Channels and capacity: the oldest goes first). */
export async function findWaiting(executor: Executor, queueIds: readonly string[] | "all", limit: number): Promise<{ id: string; queueId: string }[]> {
  if (queueIds !== "all" && queueIds.length === 0) {
    return [];
  }
  const inQueues = queueIds === "all" ? sql`` : sql`and queue_id in (${sql.join(queueIds.map((queueId) => sql`${queueId}`))})`;
  const result = await sql<{ id: string; queueId: string }>`
    select id, queue_id as "queueId"
      from (select id, queue_id, opened_at, row_number() over (partition by queue_id order by opened_at, id) as position
              from interactions
             where state in ('queued', 'offered') and queue_id is not null ${inQueues}) waiting
     where position <= ${WAITING_PER_QUEUE}
     order by opened_at, id
     limit ${limit}`.execute(executor);
  return result.rows;
}

export async function findQueueIdsOfAgents(executor: Executor, agentIds: readonly string[]): Promise<string[]> {
  const rows = await executor.selectFrom("queueMembers").select("queueId").distinct().where("userId", "in", [...agentIds]).execute();
  return rows.map((row) => row.queueId);
}

export async function findAgentHoldings(executor: Executor, agentId: string, channel: Channel): Promise<{ activeTotal: number; activeOnChannel: number }> {
  const result = await sql<{ activeTotal: number; activeOnChannel: number }>`
    select count(*)::int as "activeTotal", (count(*) filter (where channel = ${channel}))::int as "activeOnChannel"
      from interactions where owner_id = ${agentId} and state = 'active'`.execute(executor);
  return result.rows[0] ?? { activeTotal: 0, activeOnChannel: 0 };
}
