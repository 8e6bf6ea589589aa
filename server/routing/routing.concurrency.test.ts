import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorBody } from "../../common/api/errors.ts";
import type { Inbox } from "../../common/api/interactions.ts";
import type { Channel } from "../../common/domain/channels.ts";
import { sql } from "kysely";
import type { Db, Tx } from "../db/database.ts";
import type { TestClient, TestResponse } from "../test/http-client.ts";
import { findAgentLoads, findRoutingViolations, insertEntryPoint, insertQueue, setPresence, updateAgentChannel } from "../test/routing-factories.ts";
import { testDatabaseKind } from "../test/test-database.ts";
import { startTestServer, type TestServer } from "../test/test-server.ts";
import { routeInteraction } from "./offer-router.ts";
import type { RoutingService } from "./routing.service.ts";

// Issue 4, item 4, proof 1: accepts fired at once over HTTP. product.md, Routing: "An accept is atomic: one owner,
// and no agent ever over capacity or over the tab limit, whatever the concurrency". On PostgreSQL the requests run
// on parallel connections; on PGlite they interleave on one.

interface SignedInAgent {
  id: string;
  client: TestClient;
}

let server: TestServer;
let db: Db;
let routing: RoutingService;
let admin: TestClient;
const entryPoints: string[] = [];
let conversation = 0;

beforeAll(async () => {
  // No worker ticks: nothing but the requests of the test changes who holds what.
  server = await startTestServer({ config: { routingTickMilliseconds: 3_600_000, presenceHeartbeatSeconds: 3_600 } });
  db = server.database.db;
  routing = server.server.services.routing;
  admin = (await server.signedIn("admin")).client;
});

afterAll(async () => {
  await server?.close();
});

/** Agents signed in through the API, ready with a live desktop. */
async function signedInAgents(count: number): Promise<SignedInAgent[]> {
  const agents = await Promise.all(Array.from({ length: count }, () => server.signedIn("agent")));
  for (const { created } of agents) {
    await setPresence(db, created.user.id, { status: "ready", connected: true });
  }
  return agents.map(({ client, created }) => ({ id: created.user.id, client }));
}

/** A ring-all queue of these members and an entry point to it; a customer's first message there. */
async function queueFor(members: readonly SignedInAgent[], channel: Channel = "chat"): Promise<string> {
  const queueId = await insertQueue(db, { channel, members: members.map((member) => member.id) });
  const entryPointId = await insertEntryPoint(db, [queueId], channel);
  entryPoints.push(entryPointId);
  return entryPointId;
}

async function arrive(entryPointId: string): Promise<string> {
  conversation += 1;
  const received = await routing.receiveMessage({ entryPointId, conversationId: `race-${conversation}`, customerAddress: `visitor-${conversation}`, body: "Hello" });
  await routing.idle();
  return received.interaction.id;
}

async function pendingOffersOf(agentId: string): Promise<number> {
  return (await db.selectFrom("offers").select("id").where("agentId", "=", agentId).where("state", "=", "pending").execute()).length;
}

async function activeOf(agentId: string): Promise<string[]> {
  const rows = await db.selectFrom("interactions").select("id").where("ownerId", "=", agentId).where("state", "=", "active").execute();
  return rows.map((row) => row.id);
}

const accept = (agent: SignedInAgent, interactionId: string) => agent.client.post<unknown>(`/api/v1/interactions/${interactionId}/accept`);

/** Status and error code of each response: "200" or "409 interaction_taken". */
function outcomes(responses: readonly TestResponse<unknown>[]): string[] {
  return responses.map((response) => (response.status === 200 ? "200" : `${response.status} ${(response.body as ErrorBody).error.code}`));
}

function tally(responses: readonly TestResponse<unknown>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes(responses)) {
    counts[outcome] = (counts[outcome] ?? 0) + 1;
  }
  return counts;
}

/** Fires the requests at once and, while they run, samples how many interactions the agent holds. */
async function whileSampling<Result>(agentId: string, requests: () => Promise<Result>): Promise<{ result: Result; mostHeld: number }> {
  let running = true;
  let mostHeld = 0;
  const sampler = (async () => {
    while (running) {
      mostHeld = Math.max(mostHeld, (await activeOf(agentId)).length);
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  try {
    return { result: await requests(), mostHeld };
  } finally {
    running = false;
    await sampler;
    mostHeld = Math.max(mostHeld, (await activeOf(agentId)).length);
  }
}

describe("accepts at once over HTTP", () => {
  it("gives a ring-all interaction to exactly one of 20 agents accepting it at once; the others get 409 interaction_taken", async () => {
    const agents = await signedInAgents(20);
    const interactionId = await arrive(await queueFor(agents));
    for (const agent of agents) {
      expect(await pendingOffersOf(agent.id)).toBe(1);
    }

    const responses = await Promise.all(agents.map((agent) => accept(agent, interactionId)));

    expect(tally(responses)).toEqual({ "200": 1, "409 interaction_taken": 19 });
    const winner = agents[outcomes(responses).indexOf("200")] as SignedInAgent;
    const interaction = await db.selectFrom("interactions").select(["state", "ownerId"]).where("id", "=", interactionId).executeTakeFirstOrThrow();
    expect(interaction).toEqual({ state: "active", ownerId: winner.id });
    const offers = await db.selectFrom("offers").select(["agentId", "state"]).where("interactionId", "=", interactionId).execute();
    expect(offers.filter((offer) => offer.state === "accepted")).toEqual([{ agentId: winner.id, state: "accepted" }]);
    expect(offers.filter((offer) => offer.state === "pending")).toEqual([]);
    const attempts = await db.selectFrom("queueAttempts").select(["reason", "agentId"]).where("interactionId", "=", interactionId).execute();
    expect(attempts).toEqual([{ reason: "accepted", agentId: winner.id }]);
    expect(await findRoutingViolations(db, entryPoints)).toEqual([]);
  });

  it("lets an agent of capacity 2 accept two of ten interactions offered to him, accepted at once: the rest get 409 agent_over_capacity", async () => {
    const [agent] = (await signedInAgents(1)) as [SignedInAgent];
    // Ten offers while his capacity is 10, one per one-agent queue; then his capacity drops to 2.
    await updateAgentChannel(db, agent.id, "chat", { capacity: 10 });
    const interactionIds: string[] = [];
    for (let index = 0; index < 10; index += 1) {
      interactionIds.push(await arrive(await queueFor([agent])));
    }
    expect(await pendingOffersOf(agent.id)).toBe(10);
    await updateAgentChannel(db, agent.id, "chat", { capacity: 2 });

    const { result: responses, mostHeld } = await whileSampling(agent.id, () => Promise.all(interactionIds.map((interactionId) => accept(agent, interactionId))));

    expect(tally(responses)).toEqual({ "200": 2, "409 agent_over_capacity": 8 });
    expect(mostHeld).toBe(2);
    expect((await activeOf(agent.id)).sort()).toEqual(interactionIds.filter((_id, index) => responses[index]?.status === 200).sort());
    expect(await findRoutingViolations(db, entryPoints)).toEqual([]);
  });

  it("counts the tab limit across channels: with a limit of 3, three of ten chat and SMS accepts at once succeed, the rest get 409 agent_over_tab_limit", async () => {
    const [agent] = (await signedInAgents(1)) as [SignedInAgent];
    const interactionIds: string[] = [];
    for (const channel of ["chat", "sms"] as const) {
      const entryPointId = await queueFor([agent], channel);
      for (let index = 0; index < 5; index += 1) {
        interactionIds.push(await arrive(entryPointId));
      }
    }
    expect(await pendingOffersOf(agent.id)).toBe(10);
    expect((await admin.patch("/api/v1/settings/channels", { maxOpenTabs: 3 })).status).toBe(200);
    try {
      const { result: responses, mostHeld } = await whileSampling(agent.id, () => Promise.all(interactionIds.map((interactionId) => accept(agent, interactionId))));

      expect(tally(responses)).toEqual({ "200": 3, "409 agent_over_tab_limit": 7 });
      expect(mostHeld).toBe(3);
      expect(await findRoutingViolations(db, entryPoints)).toEqual([]);
    } finally {
      expect((await admin.patch("/api/v1/settings/channels", { maxOpenTabs: 0 })).status).toBe(200);
      await routing.idle();
    }
  });

  it("ends an interaction either accepted or abandoned when the customer leaves while agents accept it", async () => {
    const agents = await signedInAgents(5);
    const entryPointId = await queueFor(agents);
    const interactionId = await arrive(entryPointId);

    const [responses] = await Promise.all([Promise.all(agents.map((agent) => accept(agent, interactionId))), routing.abandon(entryPointId, `race-${conversation}`)]);

    const interaction = await db.selectFrom("interactions").select(["state", "ownerId"]).where("id", "=", interactionId).executeTakeFirstOrThrow();
    const counts = tally(responses);
    if (interaction.state === "abandoned") {
      expect(counts).toEqual({ "409 interaction_taken": 5 });
      expect(interaction.ownerId).toBeNull();
    } else {
      // An accept came first: the customer's leaving closed the interaction its owner had taken.
      expect(counts).toEqual({ "200": 1, "409 interaction_taken": 4 });
      expect(interaction).toEqual({ state: "closed", ownerId: agents[outcomes(responses).indexOf("200")]?.id });
    }
    expect(await findRoutingViolations(db, entryPoints)).toEqual([]);
  });

  it("serves a backlog to agents of capacity 2 who all accept everything offered at once, round after round, one owner each and never over capacity", async () => {
    const agents = await signedInAgents(6);
    for (const agent of agents) {
      await updateAgentChannel(db, agent.id, "chat", { capacity: 2 });
    }
    const entryPointId = await queueFor(agents);
    const interactionIds: string[] = [];
    for (let index = 0; index < 24; index += 1) {
      interactionIds.push(await arrive(entryPointId));
    }
    const accepted = new Map<string, string>();
    for (let round = 0; round < 24 && accepted.size < interactionIds.length; round += 1) {
      const inboxes = await Promise.all(agents.map(async (agent) => ({ agent, inbox: (await agent.client.get<Inbox>("/api/v1/inbox")).body })));
      // Every agent accepts every interaction offered to anyone, at once: most of them are not theirs to take.
      const offered = [...new Set(inboxes.flatMap(({ inbox }) => inbox.offers.map((offer) => offer.interaction.id)))];
      const responses = await Promise.all(agents.flatMap((agent) => offered.map(async (interactionId) => ({ agent, interactionId, response: await accept(agent, interactionId) }))));
      for (const { agent, interactionId, response } of responses) {
        if (response.status === 200) {
          expect(accepted.has(interactionId), `${interactionId} accepted twice`).toBe(false);
          accepted.set(interactionId, agent.id);
        } else {
          expect(["interaction_taken", "offer_not_found", "agent_over_capacity"]).toContain((response.body as ErrorBody).error.code);
        }
      }
      const loads = await findAgentLoads(db, agents.map((agent) => agent.id), ["chat"], { defaultCapacity: {}, maxOpenTabs: 0 });
      for (const load of loads) {
        expect(load.activeOnChannel + load.pendingOnChannel, `agent ${load.agentId} in round ${round}`).toBeLessThanOrEqual(2);
      }
      expect(await findRoutingViolations(db, entryPoints)).toEqual([]);
      // Each agent closes what they hold: their slots free and the next interactions are offered.
      await Promise.all(agents.map(async (agent) => Promise.all((await activeOf(agent.id)).map((id) => agent.client.post(`/api/v1/interactions/${id}/close`)))));
      await routing.idle();
    }
    expect(accepted.size).toBe(interactionIds.length);
    const owners = await db.selectFrom("interactions").select(["id", "ownerId", "state"]).where("id", "in", interactionIds).execute();
    expect(new Map(owners.map((row) => [row.id, row.ownerId]))).toEqual(accepted);
    expect(owners.every((row) => row.state === "closed")).toBe(true);
  });
});

describe("ring-all routers sharing agents without limits", () => {
  it("alerts every member of each of many conversations arriving at once, while members pause: no deadlock, no alert left to a paused agent", async () => {
    // Chat has no default capacity and the account no tab limit: routers of this queue share the agents' locks.
    const agents = await signedInAgents(6);
    const entryPointId = await queueFor(agents);
    const [pausing, leaving] = agents;
    if (!pausing || !leaving) {
      throw new Error("six agents expected");
    }
    const before = await db.selectFrom("agentPresence").select(["userId", "lastOfferedAt"]).where("userId", "in", agents.map((agent) => agent.id)).execute();
    const arrivals = Array.from({ length: 12 }, () => {
      conversation += 1;
      return routing.receiveMessage({ entryPointId, conversationId: `shared-${conversation}`, customerAddress: `visitor-${conversation}`, body: "Hello" });
    });
    const [received, paused, away] = await Promise.all([
      Promise.all(arrivals),
      pausing.client.request("PUT", "/api/v1/presence/me/channels/chat/pause", { paused: true }),
      leaving.client.request("PUT", "/api/v1/presence/me/status", { status: "custom", customStatusId: await pausingStatus() }),
    ]);
    expect([paused.status, away.status]).toEqual([200, 200]);
    await routing.idle();
    const interactionIds = received.map((item) => item.interaction.id);
    const offers = await db.selectFrom("offers").select(["interactionId", "agentId"]).where("interactionId", "in", interactionIds).where("state", "=", "pending").execute();
    // Every waiting conversation is offered to each member still available, and to nobody who paused or left.
    const available = agents.slice(2).map((agent) => agent.id).sort();
    for (const interactionId of interactionIds) {
      expect(offers.filter((offer) => offer.interactionId === interactionId).map((offer) => offer.agentId).sort()).toEqual(available);
    }
    expect(await findRoutingViolations(db, entryPoints)).toEqual([]);
    // Ring-all alerts are not turns: the agents' last-offered time (round-robin's order) is left as it was.
    const after = await db.selectFrom("agentPresence").select(["userId", "lastOfferedAt"]).where("userId", "in", agents.map((agent) => agent.id)).execute();
    expect(new Map(after.map((row) => [row.userId, row.lastOfferedAt?.valueOf() ?? null]))).toEqual(new Map(before.map((row) => [row.userId, row.lastOfferedAt?.valueOf() ?? null])));
  });
});

// Accepts and routers lock the interaction and read its offers in one statement: after a wait for that lock the
// offers they read are older than the row. Their write statements check again; these tests make the wait happen.
// They need a second connection holding the lock while the step waits: PostgreSQL only (PGlite has one connection).
const describeOnParallelConnections = testDatabaseKind() === "postgres" ? describe : () => undefined;
describeOnParallelConnections("a step that waited for the interaction's lock", () => {
  /** Another transaction holds the interaction's lock and changes it; `step` starts once it holds it and waits. */
  async function whileHeld<Result>(interactionId: string, change: (transaction: Tx) => Promise<void>, step: () => Promise<Result>): Promise<Result> {
    let release = () => undefined as void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = () => undefined as void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const holder = db.transaction().execute(async (transaction) => {
      await transaction.selectFrom("interactions").select("id").where("id", "=", interactionId).forUpdate().execute();
      await change(transaction);
      held();
      await released;
    });
    await holding;
    const stepping = step();
    // The step waits on the lock before the holder commits.
    for (let tries = 0; tries < 200; tries += 1) {
      const waiting = await sql<{ count: number }>`select count(*)::int as count from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
      if ((waiting.rows[0]?.count ?? 0) > 0) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    release();
    await holder;
    return stepping;
  }

  it("refuses an accept whose offer ended while it waited, and writes nothing", async () => {
    const [agent] = await signedInAgents(1);
    if (!agent) {
      throw new Error("an agent expected");
    }
    const queueId = await insertQueue(db, { strategy: "longest-idle", members: [agent.id] });
    const interactionId = await arrive(await insertEntryPoint(db, [queueId]));
    expect(await pendingOffersOf(agent.id)).toBe(1);

    const response = await whileHeld(
      interactionId,
      async (transaction) => {
        // Its offer timed out: the interaction waits again.
        await transaction.updateTable("offers").set({ state: "expired", decidedAt: sql<Date>`now()` }).where("interactionId", "=", interactionId).where("state", "=", "pending").execute();
        await transaction.updateTable("interactions").set({ state: "queued" }).where("id", "=", interactionId).execute();
      },
      () => accept(agent, interactionId),
    );
    expect(outcomes([response])).toEqual(["409 offer_not_found"]);
    expect(await db.selectFrom("interactions").select(["state", "ownerId"]).where("id", "=", interactionId).executeTakeFirstOrThrow()).toEqual({ state: "queued", ownerId: null });
    expect(await db.selectFrom("offers").select("state").where("interactionId", "=", interactionId).execute()).toEqual([{ state: "expired" }]);
  });

  it("offers a one-at-a-time interaction to nobody else when another router offered it while this one waited", async () => {
    const agents = await signedInAgents(2);
    const [first, second] = agents;
    if (!first || !second) {
      throw new Error("two agents expected");
    }
    const queueId = await insertQueue(db, { strategy: "longest-idle", members: [first.id, second.id] });
    // The first has room for one: once the other router's offer is theirs, this router's pick is the second.
    await updateAgentChannel(db, first.id, "chat", { capacity: 1 });
    // Nobody can take it when it arrives; then both can, without a routing event.
    await setPresence(db, first.id, { status: "offline" });
    await setPresence(db, second.id, { status: "offline" });
    const interactionId = await arrive(await insertEntryPoint(db, [queueId]));
    await setPresence(db, first.id, { status: "ready" });
    await setPresence(db, second.id, { status: "ready" });
    const attempt = await db.selectFrom("queueAttempts").select("id").where("interactionId", "=", interactionId).executeTakeFirstOrThrow();

    const outcome = await whileHeld(
      interactionId,
      async (transaction) => {
        await transaction.insertInto("offers").values({ interactionId, agentId: first.id, queueId, channel: "chat", attemptId: attempt.id }).execute();
        await transaction.updateTable("interactions").set({ state: "offered" }).where("id", "=", interactionId).execute();
      },
      () => routeInteraction(db, interactionId, { waitForLock: true }),
    );
    expect(outcome).toEqual({ offers: [], queueSaturated: false });
    const pending = await db.selectFrom("offers").select("agentId").where("interactionId", "=", interactionId).where("state", "=", "pending").execute();
    expect(pending).toEqual([{ agentId: first.id }]);
    expect(await findRoutingViolations(db, entryPoints)).toEqual([]);
  });
});

/** A custom status that pauses routing (Break). */
async function pausingStatus(): Promise<string> {
  const row = await db.insertInto("customStatuses").values({ name: `Break ${conversation}`, pausesRouting: true }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}
