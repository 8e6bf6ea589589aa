import { sql } from "kysely";
import type { QueueStrategy } from "../../../common/api/queues.ts";
import type { Channel } from "../../../common/domain/channels.ts";
import type { PresenceStatus } from "../../../common/domain/presence.ts";
import type { Executor } from "../../db/database.ts";
import { agentsInScope, type AgentScope } from "../agent-scope/agent-scope.policy.ts";
import type { QueueScope } from "../queues/queues.repository.ts";

// The wallboard's reads (issue 4, item 9). Each is one set-based statement over every agent or queue in the
// viewer's scope, grouped in the database: a board of 2,000 agents and 50 queues is a handful of queries,
// never one per agent or per queue. Waiting and active counts read the partial indexes of migration
// 20261121190000 (interactions_waiting_idx, interactions_owner_active_idx, offers_agent_pending_idx).

export interface WallboardAgentRow {
  id: string;
  username: string;
  fullName: string;
  status: PresenceStatus | null;
  customStatusName: string | null;
  statusSince: Date | null;
  connected: boolean;
}

export interface AgentChannelLoadRow {
  agentId: string;
  channel: Channel;
  active: number;
}

export interface AgentOfferCountRow {
  agentId: string;
  pendingOffers: number;
}

export interface AgentChannelSettingRow {
  agentId: string;
  channel: Channel;
  enabled: boolean;
  capacity: number | null;
  paused: boolean;
}

export interface WallboardQueueRow {
  id: string;
  name: string;
  channel: Channel;
  strategy: QueueStrategy;
  waiting: number;
  longestWaitSeconds: number;
  offered: number;
  active: number;
  agentsReady: number;
  accepted: number;
  timedOut: number;
  abandoned: number;
}

/** The ids of the agents in scope, as a subquery for `in (...)`. */
function agentIdsInScope(executor: Executor, scope: AgentScope) {
  return executor.selectFrom("users").select("users.id").where(agentsInScope(scope));
}

/** The database's clock: every duration on the board counts from it, never from a process's clock. */
export async function databaseNow(executor: Executor): Promise<Date> {
  const { rows } = await sql<{ now: Date | string }>`select now() as now`.execute(executor);
  const value = rows[0]?.now ?? new Date();
  return value instanceof Date ? value : new Date(value);
}

/** Agents in scope (disabled ones left out) with their presence; no presence row means never signed in. */
export async function findWallboardAgents(executor: Executor, scope: AgentScope): Promise<WallboardAgentRow[]> {
  return executor
    .selectFrom("users")
    .leftJoin("agentPresence", "agentPresence.userId", "users.id")
    .leftJoin("customStatuses", "customStatuses.id", "agentPresence.customStatusId")
    .where("users.id", "in", agentIdsInScope(executor, scope))
    .where("users.disabled", "=", false)
    .select([
      "users.id",
      "users.username",
      "users.fullName",
      "agentPresence.status",
      "customStatuses.name as customStatusName",
      "agentPresence.statusSince",
      sql<boolean>`coalesce(agent_presence.connected_until > now(), false)`.as("connected"),
    ])
    .orderBy(sql`lower(users.full_name)`)
    .orderBy("users.id")
    .execute();
}

/** Active interactions per agent in scope and channel. */
export async function countActiveByAgentAndChannel(executor: Executor, scope: AgentScope): Promise<AgentChannelLoadRow[]> {
  const rows = await executor
    .selectFrom("interactions")
    .where("interactions.state", "=", sql.lit("active"))
    .where("interactions.ownerId", "in", agentIdsInScope(executor, scope))
    .select(["interactions.ownerId as agentId", "interactions.channel", sql<number>`count(*)::int`.as("active")])
    .groupBy(["interactions.ownerId", "interactions.channel"])
    .execute();
  return rows.flatMap((row) => (row.agentId === null ? [] : [{ agentId: row.agentId, channel: row.channel, active: row.active }]));
}

/** Pending offers per agent in scope. */
export async function countPendingOffersByAgent(executor: Executor, scope: AgentScope): Promise<AgentOfferCountRow[]> {
  return executor
    .selectFrom("offers")
    .where("offers.state", "=", sql.lit("pending"))
    .where("offers.agentId", "in", agentIdsInScope(executor, scope))
    .select(["offers.agentId", sql<number>`count(*)::int`.as("pendingOffers")])
    .groupBy("offers.agentId")
    .execute();
}

/** The stored per-channel settings of the agents in scope (a channel without a row has the defaults). */
export async function findAgentChannelSettings(executor: Executor, scope: AgentScope): Promise<AgentChannelSettingRow[]> {
  return executor
    .selectFrom("agentChannels")
    .where("agentChannels.userId", "in", agentIdsInScope(executor, scope))
    .select(["agentChannels.userId as agentId", "agentChannels.channel", "agentChannels.enabled", "agentChannels.capacity", "agentChannels.paused"])
    .execute();
}

/**
 * Every queue in scope with its live counts and the day's report, in one statement. `since` is the start
 * of the day (null: the database's). An agent is ready for a queue when their desktop is connected, their
 * status takes new work (product.md, Presence) and they are neither paused nor turned off on its channel.
 */
export async function findWallboardQueues(executor: Executor, scope: QueueScope, since: Date | null): Promise<WallboardQueueRow[]> {
  const dayStart = since === null ? sql<Date>`date_trunc('day', now())` : sql<Date>`${since}::timestamptz`;
  const scopeFilter = scope === undefined ? sql`true` : sql`exists (select 1 from queue_members own where own.queue_id = q.id and own.user_id = ${scope})`;
  const { rows } = await sql<WallboardQueueRow>`
    with waiting as (
      select queue_id,
             count(*)::int as waiting,
             count(*) filter (where state = 'offered')::int as offered,
             min(queued_at) as oldest
        from interactions
       where state in ('queued', 'offered') and queue_id is not null
       group by queue_id
    ), working as (
      select queue_id, count(*)::int as active
        from interactions
       where state = 'active' and queue_id is not null
       group by queue_id
    ), ready as (
      select member.queue_id, count(*)::int as agents_ready
        from queue_members member
        join queues on queues.id = member.queue_id
        join users on users.id = member.user_id and users.role = 'agent' and not users.disabled
        join agent_presence presence on presence.user_id = member.user_id
        left join custom_statuses custom on custom.id = presence.custom_status_id
        left join agent_channels setting on setting.user_id = member.user_id and setting.channel = queues.channel
       where presence.connected_until > now()
         and (presence.status = 'ready' or (presence.status = 'custom' and custom.pauses_routing = false))
         and coalesce(setting.paused, false) = false
         and coalesce(setting.enabled, true) = true
       group by member.queue_id
    ), today as (
      select queue_id,
             count(*) filter (where reason = 'accepted')::int as accepted,
             count(*) filter (where reason = 'timeout')::int as timed_out,
             count(*) filter (where reason = 'abandoned')::int as abandoned
        from queue_attempts
       where left_at >= ${dayStart} and queue_id is not null
       group by queue_id
    )
    select q.id, q.name, q.channel, q.strategy,
           coalesce(waiting.waiting, 0) as waiting,
           coalesce(greatest(floor(extract(epoch from now() - waiting.oldest)), 0), 0)::int as longest_wait_seconds,
           coalesce(waiting.offered, 0) as offered,
           coalesce(working.active, 0) as active,
           coalesce(ready.agents_ready, 0) as agents_ready,
           coalesce(today.accepted, 0) as accepted,
           coalesce(today.timed_out, 0) as timed_out,
           coalesce(today.abandoned, 0) as abandoned
      from queues q
      left join waiting on waiting.queue_id = q.id
      left join working on working.queue_id = q.id
      left join ready on ready.queue_id = q.id
      left join today on today.queue_id = q.id
     where ${scopeFilter}
     order by lower(q.name), q.id`.execute(executor);
  return rows;
}
