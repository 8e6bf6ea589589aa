import { sql } from "kysely";
import type { AccountSettings, ChannelSettings } from "../../common/api/channels.ts";
import type { Channel } from "../../common/domain/channels.ts";
import type { PresenceStatus } from "../../common/domain/presence.ts";
import type { Executor, Tx } from "../db/database.ts";
import type { ContactStatus, InteractionState } from "../db/tables.ts";
import { parseAccountSettings, parseChannelSettings, parseSecuritySettings, SETTING_KEYS } from "../modules/settings/settings.service.ts";

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
  contactId: string | null;
  contactStatus: ContactStatus | null;
  customerOptedOut: boolean;
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

/**
 * Locks agents' presence rows in id order (no deadlock between routers); answers the ids that exist. `share`: for
 * agents with no limit to protect, several routers may alert them at once, while status, pause and accept changes
 * (which lock the row for update) still wait for them and are waited for.
 */
export async function lockAgents(transaction: Tx, agentIds: readonly string[], mode: "update" | "share" = "update"): Promise<string[]> {
  if (agentIds.length === 0) {
    return [];
  }
  const query = transaction.selectFrom("agentPresence").select("userId").where("userId", "in", [...agentIds]).orderBy("userId");
  const rows = await (mode === "share" ? query.forShare() : query.forUpdate()).execute();
  return rows.map((row) => row.userId);
}

export interface OfferHistory {
  pendingAgentIds: Set<string>;
  rejectedAgentIds: Set<string>;
  triedAgentIds: Set<string>;
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
    .where("state", "=", sql.lit("pending"));
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
    .where("state", "=", sql.lit("pending"))
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
  const inQueues = queueIds === "all" ? sql`` : sql`and i.queue_id in (${sql.join(queueIds.map((queueId) => sql`${queueId}`))})`;
  const result = await sql<{ id: string; queueId: string }>`
    select id, queue_id as "queueId"
      from (select i.id, i.queue_id, i.opened_at, row_number() over (partition by i.queue_id order by i.opened_at, i.id) as position
              from interactions i
              join queues q on q.id = i.queue_id
             -- Offered on a one-at-a-time queue: its agent decides, or the offer times out (a timer routes it then).
             -- Offered on a ring-all queue: only while a member who may be alerted now (a live desktop, a status that
             -- takes work) holds no alert for it and did not reject it in this attempt; otherwise routing it again
             -- could offer it to nobody (the router's own rule), and a long-waiting texting queue would cost every drain.
             where i.state in ('queued', 'offered') ${inQueues}
               and (i.state = 'queued' or (q.strategy = 'ring-all' and exists (
                     select 1 from queue_members qm
                       join users u on u.id = qm.user_id and u.role = 'agent' and not u.disabled
                       join agent_presence p on p.user_id = qm.user_id and p.connected_until > now()
                       left join custom_statuses cs on cs.id = p.custom_status_id
                      where qm.queue_id = i.queue_id
                        and (p.status = 'ready' or (p.status = 'custom' and cs.pauses_routing = false))
                        and not exists (select 1 from offers o
                                         where o.interaction_id = i.id and o.agent_id = qm.user_id
                                           and (o.state = 'pending'
                                                or (o.state = 'rejected' and o.attempt_id = (select a.id from queue_attempts a where a.interaction_id = i.id and a.left_at is null)))))))) waiting
     where position <= ${WAITING_PER_QUEUE}
     order by opened_at, id
     limit ${limit}`.execute(executor);
  return result.rows;
}

export async function findQueueIdsOfAgents(executor: Executor, agentIds: readonly string[]): Promise<string[]> {
  const rows = await executor.selectFrom("queueMembers").select("queueId").distinct().where("userId", "in", [...agentIds]).execute();
  return rows.map((row) => row.queueId);
}


// --- One-statement reads and writes of the hot path (arrival, routing, accept, close) ------------------------

/** The account settings routing and masking read, taken in the same statement as the rows they govern. */
export interface SettingsSnapshot {
  channels: ChannelSettings;
  account: AccountSettings;
  maskCharacters: number;
}

const settingsColumns = [
  sql<unknown>`(select value from settings where key = ${SETTING_KEYS.channels})`.as("channelsSetting"),
  sql<unknown>`(select value from settings where key = ${SETTING_KEYS.account})`.as("accountSetting"),
  sql<unknown>`(select value from settings where key = ${SETTING_KEYS.security})`.as("securitySetting"),
];

// Parsing the stored settings costs more than reading them; they rarely change, so the parse of the last few
// stored values is kept (keyed by their JSON: a changed value is parsed anew at once).
const parsedSettings = new Map<string, SettingsSnapshot>();
const PARSED_SETTINGS_KEPT = 8;

export function settingsOf(row: { channelsSetting: unknown; accountSetting: unknown; securitySetting: unknown }): SettingsSnapshot {
  const key = JSON.stringify([row.channelsSetting, row.accountSetting, row.securitySetting]);
  let snapshot = parsedSettings.get(key);
  if (!snapshot) {
    snapshot = {
      channels: parseChannelSettings(row.channelsSetting),
      account: parseAccountSettings(row.accountSetting),
      maskCharacters: parseSecuritySettings(row.securitySetting).maskCharacters,
    };
    if (parsedSettings.size >= PARSED_SETTINGS_KEPT) {
      parsedSettings.clear();
    }
    parsedSettings.set(key, snapshot);
  }
  return snapshot;
}

/** The masked characters of the stored security setting (parsed once per stored value). */
export function maskCharactersOf(securitySetting: unknown): number {
  return settingsOf({ channelsSetting: null, accountSetting: null, securitySetting }).maskCharacters;
}

export interface InteractionViewRow extends InteractionRow {
  entryPointName: string | null;
  queueName: string | null;
}

export interface RoutingContext {
  view: InteractionViewRow;
  queue: QueueRoutingRow | undefined;
  attemptId: string | null;
  history: OfferHistory;
  settings: SettingsSnapshot;
}

/**
 * Locks the interaction (lock order: an interaction first; `wait: false` skips a row another holds) and reads
 * everything routing it needs in the same statement: the interaction as people see it, its queue, its open queue
 * attempt, who holds or held an offer for it, and the settings. After a wait for the lock the interaction's row is
 * its latest version, the offers as they were before the wait: `writeOffers` checks them again.
 */
export async function lockRoutingContext(transaction: Tx, interactionId: string, wait: boolean): Promise<RoutingContext | undefined> {
  const query = transaction
    .selectFrom("interactions")
    .leftJoin("entryPoints", "entryPoints.id", "interactions.entryPointId")
    .leftJoin("queues", "queues.id", "interactions.queueId")
    .leftJoin("queueAttempts", (join) => join.onRef("queueAttempts.interactionId", "=", "interactions.id").on("queueAttempts.leftAt", "is", null))
    .selectAll("interactions")
    .select([
      "entryPoints.name as entryPointName",
      "queues.name as queueName",
      "queues.strategy as queueStrategy",
      "queues.channel as queueChannel",
      "queues.timeoutSeconds as queueTimeoutSeconds",
      "queues.offerTimeoutSeconds as queueOfferTimeoutSeconds",
      "queueAttempts.id as attemptId",
      sql<string[]>`coalesce((select array_agg(o.agent_id::text) from offers o where o.interaction_id = interactions.id and o.state = 'pending'), '{}')`.as("pendingAgentIds"),
      sql<string[]>`coalesce((select array_agg(o.agent_id::text) from offers o where o.attempt_id = queue_attempts.id), '{}')`.as("triedAgentIds"),
      sql<string[]>`coalesce((select array_agg(o.agent_id::text) from offers o where o.attempt_id = queue_attempts.id and o.state = 'rejected'), '{}')`.as("rejectedAgentIds"),
      ...settingsColumns,
    ])
    .where("interactions.id", "=", interactionId)
    .forUpdate("interactions");
  const row = await (wait ? query : query.skipLocked()).executeTakeFirst();
  if (!row) {
    return undefined;
  }
  const { queueStrategy, queueChannel, queueTimeoutSeconds, queueOfferTimeoutSeconds, attemptId, pendingAgentIds, triedAgentIds, rejectedAgentIds, channelsSetting, accountSetting, securitySetting, ...view } = row;
  const queue =
    view.queueId && queueStrategy && queueChannel && queueTimeoutSeconds !== null && queueOfferTimeoutSeconds !== null
      ? { id: view.queueId, name: view.queueName ?? "", channel: queueChannel, strategy: queueStrategy, timeoutSeconds: queueTimeoutSeconds, offerTimeoutSeconds: queueOfferTimeoutSeconds }
      : undefined;
  return {
    view: view,
    queue,
    attemptId,
    history: { pendingAgentIds: new Set(pendingAgentIds), triedAgentIds: new Set(triedAgentIds), rejectedAgentIds: new Set(rejectedAgentIds) },
    settings: settingsOf({ channelsSetting, accountSetting, securitySetting }),
  };
}

export interface InsertedOffer {
  id: string;
  agentId: string;
  state: "pending";
  createdAt: Date;
  expiresAt: Date | null;
  autoAnswerAt: Date | null;
}

/**
 * The offers of one routing step, the alerted agents' last offer time and the interaction's state, in one
 * statement (the agents' rows are locked already). The context was read in the statement that locked the
 * interaction, so what it said of the offers may predate a wait for that lock: this statement, newer, checks again
 * that the interaction still waits in the same attempt, that nobody holds its offer (one at a time), and skips an
 * agent who holds an alert for it or rejected it in this attempt.
 */
export async function writeOffers(
  transaction: Tx,
  plan: { interactionId: string; queueId: string; channel: Channel; attemptId: string; offerTimeoutSeconds: number | null; recordOfferedAt: boolean; ringsAll: boolean },
  agents: readonly { agentId: string; autoAnswerDelaySeconds: number | null }[],
): Promise<InsertedOffer[]> {
  const agentIds = agents.map((agent) => agent.agentId);
  const delays = agents.map((agent) => agent.autoAnswerDelaySeconds);
  const expiresAt = plan.offerTimeoutSeconds === null ? sql`null::timestamptz` : sql`now() + make_interval(secs => ${plan.offerTimeoutSeconds})`;
  const result = await sql<InsertedOffer>`
    with inserted as (
      insert into offers (interaction_id, agent_id, queue_id, channel, attempt_id, expires_at, auto_answer_at)
      select ${plan.interactionId}, a.agent_id, ${plan.queueId}, ${plan.channel}, ${plan.attemptId}, ${expiresAt},
             case when a.delay is null then null else now() + make_interval(secs => a.delay) end
        from unnest(${sql.val(agentIds)}::uuid[], ${sql.val(delays)}::int[]) as a(agent_id, delay)
       where exists (select 1 from interactions i where i.id = ${plan.interactionId} and i.state in ('queued', 'offered') and i.owner_id is null)
         and exists (select 1 from queue_attempts qa where qa.id = ${plan.attemptId} and qa.left_at is null)
         and not exists (select 1 from offers r where r.attempt_id = ${plan.attemptId} and r.agent_id = a.agent_id and r.state = 'rejected')
         and (${plan.ringsAll} or not exists (select 1 from offers p where p.interaction_id = ${plan.interactionId} and p.state = 'pending'))
      on conflict (interaction_id, agent_id) where state = 'pending' do nothing
      returning id, agent_id, state, created_at, expires_at, auto_answer_at
    ), offered_at as (
      update agent_presence set last_offered_at = now() where ${plan.recordOfferedAt} and user_id in (select agent_id from inserted)
    ), offered as (
      update interactions set state = 'offered', updated_at = now() where id = ${plan.interactionId} and state = 'queued' and exists (select 1 from inserted)
    )
    select id, agent_id as "agentId", state, created_at as "createdAt", expires_at as "expiresAt", auto_answer_at as "autoAnswerAt" from inserted`.execute(transaction);
  return result.rows;
}

export interface AcceptContext {
  view: InteractionViewRow;
  offerId: string | null;
  maskSensitiveData: boolean;
  settings: SettingsSnapshot;
}

/**
 * Locks the interaction (lock order: an interaction first) and reads it as people see it, the agent's own pending
 * offer and the settings, in one statement. After a wait for the lock, the interaction's row is its latest version
 * but the offer was read before the wait: `writeAccept` takes the offer only if it is still pending.
 */
export async function lockAcceptContext(transaction: Tx, interactionId: string, agentId: string): Promise<AcceptContext | undefined> {
  const row = await transaction
    .selectFrom("interactions")
    .leftJoin("entryPoints", "entryPoints.id", "interactions.entryPointId")
    .leftJoin("queues", "queues.id", "interactions.queueId")
    .selectAll("interactions")
    .select((eb) => [
      "entryPoints.name as entryPointName",
      "queues.name as queueName",
      eb.selectFrom("offers").select("offers.id").whereRef("offers.interactionId", "=", "interactions.id").where("offers.agentId", "=", agentId).where("offers.state", "=", sql.lit("pending")).as("offerId"),
      eb.selectFrom("users").select("users.maskSensitiveData").where("users.id", "=", agentId).as("maskSensitiveData"),
      ...settingsColumns,
    ])
    .where("interactions.id", "=", interactionId)
    .forUpdate("interactions")
    .executeTakeFirst();
  if (!row) {
    return undefined;
  }
  const { offerId, maskSensitiveData, channelsSetting, accountSetting, securitySetting, ...view } = row;
  // Fail closed: a reader who cannot be found sees masked data.
  return { view: view, offerId: offerId ?? null, maskSensitiveData: maskSensitiveData ?? true, settings: settingsOf({ channelsSetting, accountSetting, securitySetting }) };
}

/** What the agent holds and their setting on the channel, read after their presence row is locked. */
export async function readAgentHoldings(
  transaction: Tx,
  agentId: string,
  channel: Channel,
): Promise<{ activeTotal: number; activeOnChannel: number; enabled: boolean | null; paused: boolean | null; capacity: number | null }> {
  const result = await sql<{ activeTotal: number; activeOnChannel: number; enabled: boolean | null; paused: boolean | null; capacity: number | null }>`
    select (select count(*)::int from interactions where owner_id = ${agentId} and state = 'active') as "activeTotal",
           (select count(*)::int from interactions where owner_id = ${agentId} and state = 'active' and channel = ${channel}) as "activeOnChannel",
           ac.enabled, ac.paused, ac.capacity
      from (select 1) one
      left join agent_channels ac on ac.user_id = ${agentId} and ac.channel = ${channel}`.execute(transaction);
  return result.rows[0] ?? { activeTotal: 0, activeOnChannel: 0, enabled: null, paused: null, capacity: null };
}

/**
 * The accept's writes in one statement: ownership (only if still waiting and unowned, and the agent's offer, when
 * there is one, still pending), the offer accepted, every other pending offer withdrawn, the queue attempt closed
 * `accepted`. No row: another took it, or the offer ended meanwhile.
 */
export async function writeAccept(transaction: Tx, interactionId: string, agentId: string, offerId: string | null): Promise<{ row: InteractionRow; withdrawn: { id: string; agentId: string }[] } | undefined> {
  const result = await sql<InteractionRow & { withdrawn: { id: string; agentId: string }[] }>`
    with taken as (
      update interactions set state = 'active', owner_id = ${agentId}, accepted_at = now(), queue_deadline_at = null, updated_at = now()
       where id = ${interactionId} and owner_id is null and state in ('queued', 'offered')
         and (${offerId}::uuid is null or exists (select 1 from offers where id = ${offerId}::uuid and state = 'pending'))
      returning *
    ), accepted as (
      update offers set state = 'accepted', decided_at = now() where id = ${offerId} and exists (select 1 from taken)
    ), withdrawn as (
      update offers set state = 'withdrawn', decided_at = now()
       where interaction_id = ${interactionId} and state = 'pending' and id is distinct from ${offerId}::uuid and exists (select 1 from taken)
      returning id, agent_id
    ), attempt as (
      update queue_attempts set left_at = now(), reason = 'accepted', agent_id = ${agentId}
       where interaction_id = ${interactionId} and left_at is null and exists (select 1 from taken)
    )
    select taken.*, (select coalesce(json_agg(json_build_object('id', w.id, 'agentId', w.agent_id)), '[]'::json) from withdrawn w) as withdrawn from taken`.execute(transaction);
  const row = result.rows[0];
  if (!row) {
    return undefined;
  }
  const { withdrawn, ...interaction } = row;
  return { row: interaction, withdrawn };
}

export interface OwnedContext {
  view: InteractionViewRow;
  maskSensitiveData: boolean;
  maskCharacters: number;
}

/**
 * An owner's close in one statement, with no transaction around it: the update takes the interaction's row lock
 * (and checks ownership and state again after any wait for it), the agent's idle time restarts, and the closed
 * interaction comes back as its owner sees it. Undefined: not theirs, or not open; `whyNotClosed` says which.
 */
export async function closeOwnedInteraction(db: Executor, interactionId: string, agentId: string): Promise<OwnedContext | undefined> {
  const result = await sql<InteractionViewRow & { maskSensitiveData: boolean | null; securitySetting: unknown }>`
    with closed as (
      update interactions set state = 'closed', closed_at = now(), closed_by = ${agentId}, updated_at = now()
       where id = ${interactionId} and owner_id = ${agentId} and state = 'active'
      returning *
    ), idle as (
      update agent_presence set idle_since = now() where user_id = ${agentId} and exists (select 1 from closed)
    )
    select closed.*, ep.name as entry_point_name, q.name as queue_name,
           (select u.mask_sensitive_data from users u where u.id = ${agentId}) as mask_sensitive_data,
           (select value from settings where key = ${SETTING_KEYS.security}) as security_setting
      from closed
      left join entry_points ep on ep.id = closed.entry_point_id
      left join queues q on q.id = closed.queue_id`.execute(db);
  const row = result.rows[0];
  if (!row) {
    return undefined;
  }
  const { maskSensitiveData, securitySetting, ...view } = row;
  return { view, maskSensitiveData: maskSensitiveData ?? true, maskCharacters: maskCharactersOf(securitySetting) };
}

/** Why an owner's close changed nothing: the interaction is not theirs (or does not exist), or it is not open. */
export async function whyNotClosed(db: Executor, interactionId: string, agentId: string): Promise<"not_owner" | "not_open"> {
  const row = await db.selectFrom("interactions").select(["ownerId", "state"]).where("id", "=", interactionId).executeTakeFirst();
  return row?.ownerId === agentId ? "not_open" : "not_owner";
}
