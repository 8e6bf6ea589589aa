import { randomUUID } from "node:crypto";
import { sql, type RawBuilder } from "kysely";
import type { QueueStrategy } from "../../common/api/queues.ts";
import type { Channel } from "../../common/domain/channels.ts";
import type { PresenceStatus } from "../../common/domain/presence.ts";
import type { Db } from "../db/database.ts";
import { hashSecret } from "../lib/secrets.ts";
import type { Actor } from "../modules/auth/principal.ts";

// Routing fixtures written straight to the tables: engine tests need many agents and queues fast (no password
// hashing), and the rows are exactly what the admin pages and the desktop write.

export interface RoutingAgent {
  id: string;
  actor: Actor;
}

let sequence = 0;

export async function insertAgent(
  db: Db,
  options: { ready?: boolean; connected?: boolean; channels?: Partial<Record<Channel, { capacity?: number | null; autoAnswerDelaySeconds?: number | null; paused?: boolean; enabled?: boolean }>> } = {},
): Promise<RoutingAgent> {
  sequence += 1;
  const username = `routing_agent_${sequence}_${randomUUID().slice(0, 8)}`;
  const user = await db
    .insertInto("users")
    .values({ username, fullName: `Routing Agent ${sequence}`, role: "agent", passwordHash: "not-a-hash", typologySettings: "{}", voiceSettings: "{}", permissions: "{}" })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("agentPresence")
    .values({
      userId: user.id,
      status: options.ready === false ? "offline" : "ready",
      connectedUntil: options.connected === false ? null : sql<Date>`now() + interval '1 day'`,
      idleSince: sql<Date>`now() - make_interval(secs => ${1000 - sequence})`,
    })
    .execute();
  for (const [channel, setting] of Object.entries(options.channels ?? {})) {
    await setAgentChannel(db, user.id, channel as Channel, setting);
  }
  return {
    id: user.id,
    actor: {
      requestId: `test-${sequence}`,
      principal: { via: "token", tokenId: randomUUID(), user: { id: user.id, username, fullName: `Routing Agent ${sequence}`, role: "agent" } as never },
    },
  };
}

export async function setAgentChannel(
  db: Db,
  agentId: string,
  channel: Channel,
  setting: { capacity?: number | null; autoAnswerDelaySeconds?: number | null; paused?: boolean; enabled?: boolean },
): Promise<void> {
  const values = {
    capacity: setting.capacity ?? null,
    autoAnswerDelaySeconds: setting.autoAnswerDelaySeconds ?? null,
    paused: setting.paused ?? false,
    enabled: setting.enabled ?? true,
  };
  await db
    .insertInto("agentChannels")
    .values({ userId: agentId, channel, ...values })
    .onConflict((conflict) => conflict.columns(["userId", "channel"]).doUpdateSet(values))
    .execute();
}

export async function insertQueue(
  db: Db,
  options: { channel?: Channel; strategy?: QueueStrategy; timeoutSeconds?: number; offerTimeoutSeconds?: number; members?: readonly string[] } = {},
): Promise<string> {
  sequence += 1;
  const queue = await db
    .insertInto("queues")
    .values({
      name: `Routing queue ${sequence} ${randomUUID().slice(0, 8)}`,
      channel: options.channel ?? "chat",
      strategy: options.strategy ?? "ring-all",
      timeoutSeconds: options.timeoutSeconds ?? 300,
      offerTimeoutSeconds: options.offerTimeoutSeconds ?? 20,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (options.members?.length) {
    await db.insertInto("queueMembers").values(options.members.map((userId) => ({ queueId: queue.id, userId }))).execute();
  }
  return queue.id;
}

export async function insertEntryPoint(db: Db, queueIds: readonly string[], channel: Channel = "chat"): Promise<string> {
  sequence += 1;
  const entryPoint = await db
    .insertInto("entryPoints")
    .values({ name: `Entry ${sequence} ${randomUUID().slice(0, 8)}`, channel, address: `entry-${sequence}-${randomUUID().slice(0, 8)}` })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (queueIds.length) {
    await db
      .insertInto("entryPointQueues")
      .values(queueIds.map((queueId, position) => ({ entryPointId: entryPoint.id, queueId, position })))
      .execute();
  }
  return entryPoint.id;
}

/** Moves every routing timer of an interaction into the past, as if its time had come. */
export async function makeTimersDue(db: Db, interactionId: string, which: "offers" | "queue" | "auto-answer"): Promise<void> {
  if (which === "queue") {
    await db.updateTable("interactions").set({ queueDeadlineAt: sql<Date>`now() - interval '1 second'` }).where("id", "=", interactionId).execute();
  } else if (which === "offers") {
    await db.updateTable("offers").set({ expiresAt: sql<Date>`now() - interval '1 second'` }).where("interactionId", "=", interactionId).where("state", "=", "pending").where("expiresAt", "is not", null).execute();
  } else {
    await db.updateTable("offers").set({ autoAnswerAt: sql<Date>`now() - interval '1 second'` }).where("interactionId", "=", interactionId).where("state", "=", "pending").where("autoAnswerAt", "is not", null).execute();
  }
}

// --- Helpers of the routing proofs (property, concurrency and multi-process tests) -----------------------------

export interface AgentChannelChanges {
  capacity?: number | null;
  autoAnswerDelaySeconds?: number | null;
  paused?: boolean;
  enabled?: boolean;
}

/** Changes only the given settings of an agent on a channel, keeping the others (setAgentChannel resets them). */
export async function updateAgentChannel(db: Db, agentId: string, channel: Channel, changes: AgentChannelChanges): Promise<void> {
  const initial = { capacity: null, autoAnswerDelaySeconds: null, paused: false, enabled: true, ...changes };
  await db
    .insertInto("agentChannels")
    .values({ userId: agentId, channel, ...initial })
    .onConflict((conflict) => conflict.columns(["userId", "channel"]).doUpdateSet({ ...changes, updatedAt: sql<Date>`now()` }))
    .execute();
}

export async function insertCustomStatus(db: Db, pausesRouting: boolean): Promise<string> {
  sequence += 1;
  const status = await db
    .insertInto("customStatuses")
    .values({ name: `Status ${sequence} ${randomUUID().slice(0, 8)}`, pausesRouting, position: sequence })
    .returning("id")
    .executeTakeFirstOrThrow();
  return status.id;
}

/**
 * Writes an agent's presence as the presence module would: a status and a desktop lease (a day long, or none for
 * a desktop that went away). Creates the row for a user made through the API.
 */
export async function setPresence(db: Db, agentId: string, presence: { status?: PresenceStatus; customStatusId?: string | null; connected?: boolean }): Promise<void> {
  const changes = {
    ...(presence.status === undefined ? {} : { status: presence.status, customStatusId: presence.customStatusId ?? null, statusSince: sql<Date>`now()` }),
    ...(presence.connected === undefined ? {} : { connectedUntil: presence.connected ? sql<Date>`now() + interval '1 day'` : null }),
  };
  await db
    .insertInto("agentPresence")
    .values({ userId: agentId, status: "offline", connectedUntil: null, ...changes })
    .onConflict((conflict) => conflict.column("userId").doUpdateSet({ ...changes, updatedAt: sql<Date>`now()` }))
    .execute();
}

/** An open-channel entry point with a known inbound key (only its hash is stored, as the admin API does). */
export async function insertOpenChannelEntryPoint(db: Db, queueIds: readonly string[]): Promise<{ id: string; inboundKey: string }> {
  const id = await insertEntryPoint(db, queueIds, "openchannel");
  const inboundKey = `test-key-${randomUUID()}`;
  await db.updateTable("entryPoints").set({ inboundKeyHash: hashSecret(inboundKey) }).where("id", "=", id).execute();
  return { id, inboundKey };
}

/** One rule of the routing engine that some rows break, with the rows. */
export interface RoutingViolation {
  rule: string;
  rows: Record<string, unknown>[];
}

/**
 * The routing engine's structural invariants (issue 4, item 4), checked with SQL over the interactions of these
 * entry points (every interaction when omitted). Answers the broken rules; none when the state is sound.
 */
export async function findRoutingViolations(db: Db, entryPointIds?: readonly string[]): Promise<RoutingViolation[]> {
  const scope = entryPointIds ? sql`i.entry_point_id = any(${sql.val([...entryPointIds])}::uuid[])` : sql`true`;
  const rules: [string, RawBuilder<Record<string, unknown>>][] = [
    [
      "an active or closed interaction has an owner; a waiting, abandoned or timed out one has none",
      sql`select i.id, i.state, i.owner_id from interactions i where ${scope}
           and ((i.state in ('active', 'closed')) <> (i.owner_id is not null))`,
    ],
    [
      "a queue attempt has at most one accepted offer, the accepting agent's, and an accepted attempt has exactly that one",
      sql`select a.id as attempt_id, a.interaction_id, a.reason, a.agent_id, array_agg(o.agent_id) as accepted_offers_of from queue_attempts a
            join interactions i on i.id = a.interaction_id
            left join offers o on o.attempt_id = a.id and o.state = 'accepted' where ${scope}
           group by a.id
          having count(o.id) > 1 or coalesce(a.reason = 'accepted', false) <> (count(o.id) = 1)
              or bool_or(o.id is not null and o.agent_id is distinct from a.agent_id)`,
    ],
    [
      "a waiting interaction is in exactly one open queue attempt, of its queue; any other is in none",
      sql`select i.id, i.state, i.queue_id, count(a.id)::int as open_attempts, array_agg(a.queue_id) as attempt_queues from interactions i
            left join queue_attempts a on a.interaction_id = i.id and a.left_at is null where ${scope}
           group by i.id having count(a.id) <> (case when i.state in ('queued', 'offered') then 1 else 0 end)
               or bool_or(a.id is not null and a.queue_id is distinct from i.queue_id)`,
    ],
    [
      "a queue attempt has a reason once left and none before; only an accepted one names an agent",
      sql`select a.* from queue_attempts a join interactions i on i.id = a.interaction_id where ${scope}
           and ((a.left_at is null) <> (a.reason is null) or coalesce(a.reason = 'accepted', false) <> (a.agent_id is not null))`,
    ],
    [
      "an active or closed interaction was accepted in its latest queue attempt, by its owner",
      sql`select i.id, i.state, i.owner_id, latest.reason, latest.agent_id from interactions i
            left join lateral (select a.reason, a.agent_id from queue_attempts a where a.interaction_id = i.id
                                order by a.entered_at desc, a.left_at desc nulls first limit 1) latest on true
           where ${scope} and i.state in ('active', 'closed')
             and (latest.reason is distinct from 'accepted' or latest.agent_id is distinct from i.owner_id)`,
    ],
    [
      "pending offers are on waiting interactions only, of their current queue and attempt",
      sql`select o.id, o.agent_id, i.id as interaction_id, i.state, i.queue_id, o.queue_id as offer_queue_id from offers o
            join interactions i on i.id = o.interaction_id
            left join queue_attempts a on a.interaction_id = i.id and a.left_at is null
           where ${scope} and o.state = 'pending'
             and (i.state not in ('queued', 'offered') or o.queue_id is distinct from i.queue_id or o.attempt_id is distinct from a.id)`,
    ],
    [
      "a waiting interaction is 'offered' exactly when it has pending offers",
      sql`select i.id, i.state, count(o.id)::int as pending from interactions i
            left join offers o on o.interaction_id = i.id and o.state = 'pending'
           where ${scope} and i.state in ('queued', 'offered')
           group by i.id having (i.state = 'offered') <> (count(o.id) > 0)`,
    ],
    [
      "a one-at-a-time queue offers an interaction to one agent at a time",
      sql`select i.id, q.strategy, count(*)::int as pending from interactions i
            join queues q on q.id = i.queue_id
            join offers o on o.interaction_id = i.id and o.state = 'pending'
           where ${scope} and q.strategy <> 'ring-all'
           group by i.id, q.strategy having count(*) > 1`,
    ],
    [
      "no pending offer to an agent who is offline, in a status that takes no new work, paused or with the channel off",
      sql`select o.id, o.agent_id, o.channel, p.status, p.connected_until, ac.paused, ac.enabled from offers o
            join interactions i on i.id = o.interaction_id
            left join agent_presence p on p.user_id = o.agent_id
            left join custom_statuses cs on cs.id = p.custom_status_id
            left join agent_channels ac on ac.user_id = o.agent_id and ac.channel = o.channel
           where ${scope} and o.state = 'pending' and o.channel <> 'voice'
             and (p.user_id is null or p.connected_until is null or p.connected_until <= now()
                  or not (p.status = 'ready' or (p.status = 'custom' and cs.pauses_routing = false))
                  or coalesce(ac.paused, false) or not coalesce(ac.enabled, true))`,
    ],
  ];
  const violations: RoutingViolation[] = [];
  for (const [rule, query] of rules) {
    const { rows } = await query.execute(db);
    if (rows.length > 0) {
      violations.push({ rule, rows });
    }
  }
  return violations;
}

/** What an agent holds on one channel and in all, against the limits in force (0 = unlimited). */
export interface AgentLoad {
  agentId: string;
  channel: Channel;
  activeOnChannel: number;
  pendingOnChannel: number;
  activeTotal: number;
  pendingTotal: number;
  /** The agent's own capacity on the channel, else the channel's global default. */
  capacity: number;
  maxOpenTabs: number;
}

/**
 * Every agent's load on these channels in one statement (one snapshot, even while other connections write), with
 * the limits of the stored settings: `defaultCapacity` and `maxOpenTabs` are the account's channel settings.
 */
export async function findAgentLoads(
  db: Db,
  agentIds: readonly string[],
  channels: readonly Channel[],
  settings: { defaultCapacity: Partial<Record<Channel, number>>; maxOpenTabs: number },
): Promise<AgentLoad[]> {
  const defaults = channels.map((channel) => settings.defaultCapacity[channel] ?? 0);
  const { rows } = await sql<Omit<AgentLoad, "maxOpenTabs">>`
    with agents as (select unnest(${sql.val([...agentIds])}::uuid[]) as agent_id),
         limits as (select unnest(${sql.val([...channels])}::text[]) as channel, unnest(${sql.val(defaults)}::int[]) as default_capacity),
         active as (select owner_id as agent_id, channel, count(*)::int as n from interactions where state = 'active' and owner_id in (select agent_id from agents) group by 1, 2),
         pending as (select agent_id, channel, count(*)::int as n from offers where state = 'pending' and agent_id in (select agent_id from agents) group by 1, 2)
    select a.agent_id as "agentId", l.channel,
           coalesce((select n from active x where x.agent_id = a.agent_id and x.channel = l.channel), 0) as "activeOnChannel",
           coalesce((select n from pending x where x.agent_id = a.agent_id and x.channel = l.channel), 0) as "pendingOnChannel",
           coalesce((select sum(n)::int from active x where x.agent_id = a.agent_id), 0) as "activeTotal",
           coalesce((select sum(n)::int from pending x where x.agent_id = a.agent_id), 0) as "pendingTotal",
           coalesce(ac.capacity, l.default_capacity) as capacity
      from agents a cross join limits l
      left join agent_channels ac on ac.user_id = a.agent_id and ac.channel = l.channel
     order by 1, 2`.execute(db);
  return rows.map((row) => ({ ...row, maxOpenTabs: settings.maxOpenTabs }));
}

/** Whether `count` is over `limit` (0 = unlimited). */
export function isOverLimit(count: number, limit: number): boolean {
  return limit !== 0 && count > limit;
}
