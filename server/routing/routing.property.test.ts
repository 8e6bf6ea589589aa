import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUEUE_STRATEGIES } from "../../common/api/queues.ts";
import type { Channel } from "../../common/domain/channels.ts";
import { isLimitReached } from "../../common/domain/capacity.ts";
import type { Db } from "../db/database.ts";
import { AppError } from "../lib/errors.ts";
import {
  findAgentLoads,
  findRoutingViolations,
  insertAgent,
  insertCustomStatus,
  insertEntryPoint,
  insertQueue,
  isOverLimit,
  makeTimersDue,
  setPresence,
  updateAgentChannel,
  type AgentLoad,
  type RoutingAgent,
} from "../test/routing-factories.ts";
import { startTestServer, type TestServer } from "../test/test-server.ts";
import type { RoutingService } from "./routing.service.ts";

// Issue 4, item 4, proof 2: random sequences of arrivals, accepts, rejects, closes, abandons, pauses, setting
// changes, presence changes and timers over a small world; after every step the invariants hold. Each run gets a
// world of its own (agents, queues, entry points) on one server, so runs are independent and fast.

const CHANNELS: readonly Channel[] = ["chat", "sms"];
const RUNS = 25;
const MIN_STEPS = 15;
const MAX_STEPS = 30;

let server: TestServer;
let db: Db;
let routing: RoutingService;
let statuses: { pausing: string; working: string };
let conversation = 0;

beforeAll(async () => {
  // No worker ticks and no presence sweeps: every timer runs because a step runs it.
  server = await startTestServer({ config: { routingTickMilliseconds: 3_600_000, presenceHeartbeatSeconds: 3_600 } });
  db = server.database.db;
  routing = server.server.services.routing;
  statuses = { pausing: await insertCustomStatus(db, true), working: await insertCustomStatus(db, false) };
});

afterAll(async () => {
  await server?.close();
});

const capacityArbitrary = fc.option(fc.integer({ min: 1, max: 2 }), { nil: null, freq: 5 });
const worldArbitrary = fc.record({
  agents: fc.array(fc.record({ chat: capacityArbitrary, sms: capacityArbitrary, autoAnswer: fc.constantFrom(null, null, 0, 600) }), { minLength: 3, maxLength: 4 }),
  oneAtATime: fc.constantFrom("longest-idle", "round-robin", "least-occupied"),
  smsStrategy: fc.constantFrom(...QUEUE_STRATEGIES),
  ringAllFirst: fc.boolean(),
  members: fc.array(fc.array(fc.constantFrom(true, true, false), { minLength: 4, maxLength: 4 }), { minLength: 3, maxLength: 3 }),
  maxOpenTabs: fc.integer({ min: 0, max: 3 }),
});
type WorldSpec = typeof worldArbitrary extends fc.Arbitrary<infer Spec> ? Spec : never;

const pick = fc.nat(1000);
const agent = fc.nat(3);
const channel = fc.constantFrom<Channel>("chat", "sms");
const commandArbitrary = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("arrive" as const), entry: fc.constantFrom(0, 0, 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("message" as const), pick }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("accept" as const), pick, agent, offered: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("reject" as const), pick, agent, offered: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("close" as const), pick, agent, byOwner: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("abandon" as const), pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("channel" as const), agent, channel, paused: fc.boolean(), enabled: fc.constantFrom(true, true, false) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("capacity" as const), agent, channel, capacity: capacityArbitrary }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("maxOpenTabs" as const), value: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("connection" as const), agent, connected: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("status" as const), agent, status: fc.constantFrom("ready", "pausing", "working", "on-call") }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("timers" as const), pick, which: fc.constantFrom("offers", "queue", "auto-answer") }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("signOut" as const), agent, openInteractions: fc.constantFrom("requeue", "close") }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("membership" as const), agent, queue: fc.nat(2), member: fc.boolean() }) },
);
type Command = typeof commandArbitrary extends fc.Arbitrary<infer Value> ? Value : never;

interface World {
  agents: RoutingAgent[];
  entryPoints: string[];
  queues: string[];
  conversations: Map<string, { entryPointId: string; conversationId: string }>;
  maxOpenTabs: number;
}

async function createWorld(spec: WorldSpec): Promise<World> {
  const agents: RoutingAgent[] = [];
  for (const settings of spec.agents) {
    agents.push(await insertAgent(db, { channels: { chat: { capacity: settings.chat, autoAnswerDelaySeconds: settings.autoAnswer }, sms: { capacity: settings.sms } } }));
  }
  const membersOf = (index: number) => agents.filter((_agent, position) => spec.members[index]?.[position]).map((member) => member.id);
  const ringAll = await insertQueue(db, { strategy: "ring-all", members: membersOf(0) });
  const oneAtATime = await insertQueue(db, { strategy: spec.oneAtATime, members: membersOf(1) });
  const sms = await insertQueue(db, { channel: "sms", strategy: spec.smsStrategy, members: membersOf(2) });
  const chain = spec.ringAllFirst ? [ringAll, oneAtATime] : [oneAtATime, ringAll];
  await setMaxOpenTabs(spec.maxOpenTabs);
  const entryPoints = [await insertEntryPoint(db, chain), await insertEntryPoint(db, [sms], "sms")];
  return { agents, entryPoints, queues: [ringAll, oneAtATime, sms], conversations: new Map(), maxOpenTabs: spec.maxOpenTabs };
}

async function setMaxOpenTabs(value: number): Promise<void> {
  await server.server.services.settings.updateChannels(adminActor(), { maxOpenTabs: value });
}

/** The customer leaves every conversation still open, so the next runs' sweeps do not carry this one's work. */
async function retireWorld(world: World): Promise<void> {
  await routing.idle();
  for (const agent of world.agents) {
    await setPresence(db, agent.id, { connected: false });
  }
  const open = await worldInteractions(world, ["queued", "offered", "active"]);
  for (const interaction of open) {
    await routing.abandonById(interaction.id);
  }
  await routing.idle();
}

async function worldInteractions(world: World, states: readonly string[]): Promise<{ id: string; ownerId: string | null }[]> {
  return db
    .selectFrom("interactions")
    .select(["id", "ownerId"])
    .where("entryPointId", "in", world.entryPoints)
    .where("state", "in", states as never)
    .orderBy("openedAt")
    .orderBy("id")
    .execute();
}

async function worldOffers(world: World): Promise<{ interactionId: string; agentId: string }[]> {
  return db
    .selectFrom("offers")
    .select(["interactionId", "agentId"])
    .where("agentId", "in", world.agents.map((member) => member.id))
    .where("state", "=", "pending")
    .orderBy("createdAt")
    .orderBy("id")
    .execute();
}

const at = <Item>(items: readonly Item[], index: number): Item | undefined => (items.length === 0 ? undefined : items[index % items.length]);

/** Runs one command; answers the agents whose limits it changed (for the capacity check). */
async function run(world: World, command: Command): Promise<Set<string> | "everyone"> {
  const agentAt = (index: number) => world.agents[index % world.agents.length] as RoutingAgent;
  const actorOf = (agentId: string) => world.agents.find((member) => member.id === agentId)?.actor;
  switch (command.kind) {
    case "arrive": {
      conversation += 1;
      const entryPointId = world.entryPoints[command.entry] as string;
      const received = await routing.receiveMessage({ entryPointId, conversationId: `property-${conversation}`, customerAddress: `visitor-${conversation}`, body: "Hello" });
      world.conversations.set(received.interaction.id, { entryPointId, conversationId: `property-${conversation}` });
      break;
    }
    case "message": {
      const target = at(await worldInteractions(world, ["queued", "offered", "active"]), command.pick);
      const known = target && world.conversations.get(target.id);
      if (known) {
        await routing.receiveMessage({ ...known, customerAddress: "visitor", body: "Still there?" });
      }
      break;
    }
    case "accept":
    case "reject": {
      const offer = command.offered ? at(await worldOffers(world), command.pick) : undefined;
      const interaction = offer?.interactionId ?? at(await worldInteractions(world, ["queued", "offered", "active", "closed"]), command.pick)?.id;
      const actor = offer ? actorOf(offer.agentId) : agentAt(command.agent).actor;
      if (interaction && actor) {
        await expected(command.kind === "accept" ? routing.accept(actor, interaction) : routing.reject(actor, interaction));
      }
      break;
    }
    case "close": {
      const target = at(await worldInteractions(world, ["active"]), command.pick);
      if (target) {
        const actor = command.byOwner ? actorOf(target.ownerId ?? "") : agentAt(command.agent).actor;
        await expected(routing.close(actor ?? agentAt(command.agent).actor, target.id));
      }
      break;
    }
    case "abandon": {
      const target = at(await worldInteractions(world, ["queued", "offered", "active"]), command.pick);
      const known = target && world.conversations.get(target.id);
      if (known) {
        await routing.abandon(known.entryPointId, known.conversationId);
      }
      break;
    }
    case "channel":
      await updateAgentChannel(db, agentAt(command.agent).id, command.channel, { paused: command.paused, enabled: command.enabled });
      await presenceChanged(agentAt(command.agent).id);
      break;
    case "capacity":
      await updateAgentChannel(db, agentAt(command.agent).id, command.channel, { capacity: command.capacity });
      routing.routeForAgent(agentAt(command.agent).id);
      return new Set([agentAt(command.agent).id]);
    case "maxOpenTabs":
      await setMaxOpenTabs(command.value);
      world.maxOpenTabs = command.value;
      return "everyone";
    case "connection":
      await setPresence(db, agentAt(command.agent).id, { connected: command.connected });
      await presenceChanged(agentAt(command.agent).id);
      break;
    case "status": {
      const status = command.status;
      const presence = status === "pausing" || status === "working" ? { status: "custom" as const, customStatusId: statuses[status] } : { status };
      await setPresence(db, agentAt(command.agent).id, presence);
      await presenceChanged(agentAt(command.agent).id);
      break;
    }
    case "signOut": {
      // What the presence module's sign-out does, in its order: open interactions requeued or closed, then offline.
      // (Its presence.changed listener would withdraw and route beside this step, untracked by routing.idle().)
      const agentId = agentAt(command.agent).id;
      await routing.releaseOpenInteractions(agentId, command.openInteractions);
      await setPresence(db, agentId, { status: "offline", connected: false });
      await presenceChanged(agentId);
      break;
    }
    case "membership": {
      const queueId = world.queues[command.queue] as string;
      const agentId = agentAt(command.agent).id;
      await db.deleteFrom("queueMembers").where("queueId", "=", queueId).where("userId", "=", agentId).execute();
      if (command.member) {
        await db.insertInto("queueMembers").values({ queueId, userId: agentId }).execute();
      }
      // What the listener of agent.memberships_changed does.
      routing.routeForAgent(agentId);
      break;
    }
    case "timers": {
      const target = at(await worldInteractions(world, ["queued", "offered"]), command.pick);
      if (target) {
        await makeTimersDue(db, target.id, command.which);
      }
      await routing.runDueTimers();
      break;
    }
  }
  return new Set();
}

/** What the presence module's listener does on a change: end the offers the agent can no longer take, route. */
async function presenceChanged(agentId: string): Promise<void> {
  await routing.withdrawOffersOf(agentId);
  routing.routeForAgent(agentId);
}

/** An agent action that may be refused: the refusal is an AppError (409/404), anything else fails the run. */
async function expected(action: Promise<unknown>): Promise<void> {
  try {
    await action;
  } catch (error) {
    if (!(error instanceof AppError)) {
      throw error;
    }
  }
}

type Loads = Map<string, AgentLoad>;
const key = (load: Pick<AgentLoad, "agentId" | "channel">) => `${load.agentId}/${load.channel}`;

async function loadsOf(world: World): Promise<Loads> {
  const channels = await server.server.services.settings.getChannels();
  const loads = await findAgentLoads(db, world.agents.map((member) => member.id), CHANNELS, { defaultCapacity: channels.defaultCapacity, maxOpenTabs: world.maxOpenTabs });
  return new Map(loads.map((load) => [key(load), load]));
}

/**
 * No accept takes an agent over the limits in force at that moment, and no offer reserves a slot beyond them. A
 * limit lowered below what an agent holds may leave them over it; from then on what they hold only goes down.
 */
function capacityViolations(before: Loads, after: Loads, changed: Set<string> | "everyone"): string[] {
  const violations: string[] = [];
  for (const [id, load] of after) {
    const previous = before.get(id);
    if (!previous) {
      continue;
    }
    const lowered = changed === "everyone" || changed.has(load.agentId);
    const checks: [string, number, number, number, number, boolean][] = [
      ["on the channel", load.activeOnChannel, previous.activeOnChannel, load.activeOnChannel + load.pendingOnChannel, previous.activeOnChannel + previous.pendingOnChannel, isOverLimit(previous.activeOnChannel + previous.pendingOnChannel, previous.capacity)],
      ["across channels", load.activeTotal, previous.activeTotal, load.activeTotal + load.pendingTotal, previous.activeTotal + previous.pendingTotal, isOverLimit(previous.activeTotal + previous.pendingTotal, previous.maxOpenTabs)],
    ];
    for (const [scope, active, activeBefore, held, heldBefore, wasOver] of checks) {
      const limit = scope === "on the channel" ? load.capacity : load.maxOpenTabs;
      if (active > activeBefore && isOverLimit(active, limit)) {
        violations.push(`${id}: an accept took the agent to ${active} active ${scope}, over the limit of ${limit}`);
      }
      if (isOverLimit(held, limit) && held > (lowered || wasOver ? heldBefore : 0)) {
        violations.push(`${id}: holds ${held} (active and offered) ${scope}, over the limit of ${limit} (held ${heldBefore} before)`);
      }
    }
  }
  return violations;
}

/** The backlog drains: no waiting interaction could be offered to a member who fits and was not offered it. */
async function undrained(world: World, loads: Loads): Promise<string[]> {
  const { rows } = await sql<{ interactionId: string; channel: Channel; strategy: string; agentId: string; offered: boolean; rejected: boolean; pendingOffers: number }>`
    select i.id as "interactionId", i.channel, q.strategy, m.user_id as "agentId",
           exists(select 1 from offers o where o.interaction_id = i.id and o.agent_id = m.user_id and o.state = 'pending') as offered,
           exists(select 1 from offers o where o.interaction_id = i.id and o.agent_id = m.user_id and o.state = 'rejected' and o.attempt_id = a.id) as rejected,
           (select count(*)::int from offers o where o.interaction_id = i.id and o.state = 'pending') as "pendingOffers"
      from interactions i
      join queue_attempts a on a.interaction_id = i.id and a.left_at is null
      join queues q on q.id = i.queue_id
      join queue_members m on m.queue_id = q.id
      join agent_presence p on p.user_id = m.user_id and p.connected_until > now()
      left join custom_statuses cs on cs.id = p.custom_status_id
      left join agent_channels ac on ac.user_id = m.user_id and ac.channel = i.channel
     where i.entry_point_id = any(${sql.val(world.entryPoints)}::uuid[]) and i.state in ('queued', 'offered')
       and (p.status = 'ready' or (p.status = 'custom' and cs.pauses_routing = false))
       and not coalesce(ac.paused, false) and coalesce(ac.enabled, true)`.execute(db);
  return rows.flatMap((row) => {
    const load = loads.get(key(row));
    const fits = load && !isLimitReached(load.activeTotal + load.pendingTotal, load.maxOpenTabs) && !isLimitReached(load.activeOnChannel + load.pendingOnChannel, load.capacity);
    const due = fits && !row.offered && !row.rejected && (row.strategy === "ring-all" || row.pendingOffers === 0);
    return due ? [`${row.interactionId} (${row.strategy}) waits, not offered to ${row.agentId}, who could take it`] : [];
  });
}

describe("routing under random sequences of events (fast-check)", () => {
  it("keeps one owner, every agent within their limits, consistent report rows and a draining backlog after every step", async () => {
    await fc.assert(
      fc.asyncProperty(worldArbitrary, fc.array(commandArbitrary, { minLength: MIN_STEPS, maxLength: MAX_STEPS, size: "max" }), async (spec, commands) => {
        const world = await createWorld(spec);
        try {
          await routing.idle();
          let loads = await loadsOf(world);
          for (const [step, command] of commands.entries()) {
            const changed = await run(world, command);
            await routing.idle();
            const after = await loadsOf(world);
            const problems = [
              ...(await findRoutingViolations(db, world.entryPoints)).map((violation) => `${violation.rule}: ${JSON.stringify(violation.rows)}`),
              ...capacityViolations(loads, after, changed),
              ...(await undrained(world, after)),
            ];
            expect(problems, `after step ${step + 1}, ${JSON.stringify(command)}`).toEqual([]);
            loads = after;
          }
        } finally {
          await retireWorld(world);
        }
      }),
      { numRuns: RUNS },
    );
  }, 600_000);
});

function adminActor() {
  return { requestId: "property-admin", principal: { via: "token", tokenId: "t", user: { id: null, username: "admin", fullName: "Admin", role: "admin" } } } as never;
}
