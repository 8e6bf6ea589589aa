import { sql, type RawBuilder } from "kysely";
import { DEFAULT_CHANNEL_CAPACITY } from "../common/domain/capacity.ts";
import { ALWAYS_ENABLED_CHANNELS } from "../common/domain/channels.ts";
import type { Db } from "../server/db/database.ts";
import { API_TOKEN_PREFIX } from "../server/modules/auth/auth.service.ts";
import { writeSetting } from "../server/modules/settings/settings.repository.ts";
import { generateSecret, hashSecret } from "../server/lib/secrets.ts";
import type { BenchAgent } from "./routing-agents.ts";

// The routing benchmark's database: the account, agents, queues and entry points written with bulk SQL (rows as
// the admin pages write them), and the invariants of product.md's Routing section checked with SQL.

export interface RoutingFixture {
  agents: BenchAgent[];
  adminToken: string;
  entryPoints: { id: string; inboundKey: string }[];
  /** Max open tabs (account setting); agents of even rank have a channel capacity of their own. */
  maxOpenTabs: number;
}

export interface RoutingSize {
  agents: number;
  queues: number;
}

const CHANNEL = "openchannel";
const MAX_OPEN_TABS = 3;
const AGENT_CAPACITY = 2;
const ONE_AT_A_TIME = ["longest-idle", "round-robin", "least-occupied"];
// The open channel's default capacity stays 0 (unlimited): agents without a capacity of their own meet the tab limit.
const DEFAULT_CAPACITY = { ...DEFAULT_CHANNEL_CAPACITY };

/**
 * `size.agents` agents, each a member of one of `size.queues` open-channel queues (even queues ring-all, odd ones
 * one at a time), ready and not yet connected: their sockets connect them. Agents of even rank have a capacity of 2
 * on the channel, the others the account's tab limit of 3. One open-channel entry point per queue.
 */
export async function seedRouting(db: Db, size: RoutingSize): Promise<RoutingFixture> {
  await writeSetting(db, "account", { enabledChannels: [...ALWAYS_ENABLED_CHANNELS, CHANNEL], mobileTypologyEnabled: false });
  await writeSetting(db, "channels", { defaultCapacity: DEFAULT_CAPACITY, maxOpenTabs: MAX_OPEN_TABS });
  const users = await sql<{ id: string; rank: number }>`
    insert into users (username, full_name, role, password_hash)
    select 'bench_agent_' || lpad(i::text, 5, '0'), 'Bench Agent ' || i, 'agent', 'not-a-hash'
      from generate_series(0, ${size.agents - 1}) as i
    returning id, (substring(username from 13))::int as rank`.execute(db);
  const ranked = [...users.rows].sort((left, right) => left.rank - right.rank);
  const agents = ranked.map((row) => ({ id: row.id, token: generateSecret(API_TOKEN_PREFIX), capacity: row.rank % 2 === 0 ? AGENT_CAPACITY : null }));
  await insertTokens(db, agents);
  const agentIds = sql.val(agents.map((agent) => agent.id));
  await sql`
    insert into agent_presence (user_id, status, idle_since)
    select id, 'ready', now() - make_interval(secs => position::int) from unnest(${agentIds}::uuid[]) with ordinality as a(id, position)`.execute(db);
  await sql`
    insert into agent_channels (user_id, channel, capacity)
    select id, ${CHANNEL}, capacity from unnest(${agentIds}::uuid[], ${sql.val(agents.map((agent) => agent.capacity))}::int[]) as a(id, capacity)`.execute(db);
  const queueIds = await insertQueues(db, size.queues);
  // Agent n is a member of queue n mod the number of queues.
  await sql`
    insert into queue_members (queue_id, user_id)
    select (${sql.val(queueIds)}::uuid[])[1 + (position - 1) % ${size.queues}], id
      from unnest(${agentIds}::uuid[]) with ordinality as a(id, position)`.execute(db);
  const entryPoints = await insertEntryPoints(db, queueIds);
  const adminToken = await insertAdmin(db);
  await sql`analyze`.execute(db);
  return { agents, adminToken, entryPoints, maxOpenTabs: MAX_OPEN_TABS };
}

async function insertTokens(db: Db, owners: readonly { id: string; token: string }[]): Promise<void> {
  await sql`
    insert into api_tokens (user_id, name, token_hash, prefix)
    select id, 'routing bench', hash, 'sbt_bench' from unnest(${sql.val(owners.map((owner) => owner.id))}::uuid[], ${sql.val(owners.map((owner) => hashSecret(owner.token)))}::text[]) as t(id, hash)`.execute(db);
}

async function insertQueues(db: Db, count: number): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    insert into queues (name, channel, strategy, timeout_seconds, offer_timeout_seconds)
    select 'Bench queue ' || lpad(q::text, 3, '0'), ${CHANNEL},
           case when q % 2 = 0 then 'ring-all' else (${sql.val(ONE_AT_A_TIME)}::text[])[1 + (q / 2) % 3] end, 300, 20
      from generate_series(0, ${count - 1}) as q
    order by q
    returning id`.execute(db);
  return rows.rows.map((row) => row.id);
}

async function insertEntryPoints(db: Db, queueIds: readonly string[]): Promise<RoutingFixture["entryPoints"]> {
  const entryPoints: RoutingFixture["entryPoints"] = [];
  for (const [position, queueId] of queueIds.entries()) {
    const inboundKey = generateSecret("sbk_");
    const entryPoint = await db
      .insertInto("entryPoints")
      .values({ name: `Bench entry ${position}`, channel: CHANNEL, address: `bench-${position}`, inboundKeyHash: hashSecret(inboundKey) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("entryPointQueues").values({ entryPointId: entryPoint.id, queueId, position: 0 }).execute();
    entryPoints.push({ id: entryPoint.id, inboundKey });
  }
  return entryPoints;
}

/** An admin with an API token: the bench reads the wallboard to see every agent connected. */
async function insertAdmin(db: Db): Promise<string> {
  const admin = await db.insertInto("users").values({ username: "bench_admin", fullName: "Bench Admin", role: "admin", passwordHash: "not-a-hash" }).returning("id").executeTakeFirstOrThrow();
  const token = generateSecret(API_TOKEN_PREFIX);
  await insertTokens(db, [{ id: admin.id, token }]);
  return token;
}

export interface Violation {
  invariant: string;
  count: number;
}

type Check = RawBuilder<{ count: number }>;

/** The capacity of `h.agent`'s channel `h.channel`: their own (`ac.capacity`), else the channel's default; 0 = unlimited. */
const CAPACITY = sql`coalesce(ac.capacity, (${JSON.stringify(DEFAULT_CAPACITY)}::jsonb ->> h.channel)::int)`;

/** One statement each, so each sees one snapshot: they hold at every instant, under load too. */
function liveInvariants(maxOpenTabs: number): Record<string, Check> {
  return {
    "agent over a channel capacity (active interactions)": sql<{ count: number }>`
      select count(*)::int as count from (select owner_id, channel, count(*) as held from interactions where state = 'active' group by 1, 2) h
        left join agent_channels ac on ac.user_id = h.owner_id and ac.channel = h.channel
       where ${CAPACITY} > 0 and h.held > ${CAPACITY}`,
    "agent over the tab limit (active interactions)": sql<{ count: number }>`
      select count(*)::int as count from (select owner_id from interactions where state = 'active' group by 1 having ${maxOpenTabs}::int > 0 and count(*) > ${maxOpenTabs}::int) h`,
    "agent alerted beyond a limit (active + pending offers)": sql<{ count: number }>`
      select count(*)::int as count from (
        select agent_id, channel, count(*) as held, sum(count(*)) over (partition by agent_id) as total from (
          select owner_id as agent_id, channel from interactions where state = 'active'
          union all select agent_id, channel from offers where state = 'pending') held group by 1, 2) h
        left join agent_channels ac on ac.user_id = h.agent_id and ac.channel = h.channel
       where (${CAPACITY} > 0 and h.held > ${CAPACITY})
          or (${maxOpenTabs}::int > 0 and h.total > ${maxOpenTabs}::int)`,
    "active interaction without an owner, or waiting one with an owner": sql<{ count: number }>`
      select count(*)::int as count from interactions where (state = 'active' and owner_id is null) or (state in ('queued', 'offered') and owner_id is not null)`,
    "offered without a pending offer, queued with one, or a pending offer on an ended interaction": sql<{ count: number }>`
      select count(*)::int as count from interactions i
       where (i.state = 'offered') <> exists (select 1 from offers o where o.interaction_id = i.id and o.state = 'pending')`,
  };
}

/** Over the whole history: offers and the queue report. */
const historyInvariants: Record<string, Check> = {
  "interaction with more than one accepted offer": sql<{ count: number }>`
    select count(*)::int as count from (select interaction_id from offers where state = 'accepted' group by 1 having count(*) > 1) o`,
  "accepted offer whose agent is not the owner": sql<{ count: number }>`
    select count(*)::int as count from offers o join interactions i on i.id = o.interaction_id where o.state = 'accepted' and i.owner_id is distinct from o.agent_id`,
  "accepted interaction without exactly one `accepted` queue attempt by its owner": sql<{ count: number }>`
    select count(*)::int as count from interactions i
     where (i.accepted_at is not null) <> ((select count(*) from queue_attempts a where a.interaction_id = i.id and a.reason = 'accepted' and a.agent_id = i.owner_id) = 1)
        or (select count(*) from queue_attempts a where a.interaction_id = i.id and a.reason = 'accepted') > 1`,
  "waiting interaction without one open queue attempt, or a settled one with an open attempt": sql<{ count: number }>`
    select count(*)::int as count from interactions i
     where (i.state in ('queued', 'offered')) <> exists (select 1 from queue_attempts a where a.interaction_id = i.id and a.left_at is null)`,
  "queue attempt left without a reason, or with a reason and not left": sql<{ count: number }>`
    select count(*)::int as count from queue_attempts where (left_at is null) <> (reason is null) or (reason = 'accepted') <> (agent_id is not null)`,
  "interaction without a queue attempt": sql<{ count: number }>`
    select count(*)::int as count from interactions i where not exists (select 1 from queue_attempts a where a.interaction_id = i.id)`,
};

async function run(db: Db, checks: Record<string, Check>): Promise<Violation[]> {
  const violations: Violation[] = [];
  for (const [invariant, statement] of Object.entries(checks)) {
    const result = await statement.execute(db);
    const count = Number(result.rows[0]?.count ?? 0);
    if (count > 0) {
      violations.push({ invariant, count });
    }
  }
  return violations;
}

export async function checkLiveInvariants(db: Db, maxOpenTabs: number): Promise<Violation[]> {
  return run(db, liveInvariants(maxOpenTabs));
}

export async function checkAllInvariants(db: Db, maxOpenTabs: number): Promise<Violation[]> {
  return run(db, { ...liveInvariants(maxOpenTabs), ...historyInvariants });
}

export const INVARIANT_COUNT = Object.keys(liveInvariants(0)).length + Object.keys(historyInvariants).length;
