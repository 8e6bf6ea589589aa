import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/database.ts";
import { AppError } from "../lib/errors.ts";
import { insertAgent, insertEntryPoint, insertQueue, makeTimersDue, setAgentChannel, type RoutingAgent } from "../test/routing-factories.ts";
import { startTestServer, type TestServer } from "../test/test-server.ts";
import type { RoutingService } from "./routing.service.ts";

let server: TestServer;
let db: Db;
let routing: RoutingService;
let conversation = 0;

beforeAll(async () => {
  // The worker's own ticks are off: each test runs the timers itself, deterministically.
  server = await startTestServer({ config: { routingTickMilliseconds: 60_000 } });
  db = server.database.db;
  routing = server.server.services.routing;
});

afterAll(async () => {
  await server.close();
});

async function arrive(entryPointId: string, body = "Hello"): Promise<string> {
  conversation += 1;
  const received = await routing.receiveMessage({ entryPointId, conversationId: `c-${conversation}`, customerAddress: `visitor-${conversation}`, customerName: "Ada Customer", body });
  await routing.idle();
  return received.interaction.id;
}

async function pendingOffers(interactionId: string): Promise<string[]> {
  const rows = await db.selectFrom("offers").select("agentId").where("interactionId", "=", interactionId).where("state", "=", "pending").orderBy("agentId").execute();
  return rows.map((row) => row.agentId);
}

async function stateOf(interactionId: string): Promise<{ state: string; ownerId: string | null; queueId: string | null }> {
  return db.selectFrom("interactions").select(["state", "ownerId", "queueId"]).where("id", "=", interactionId).executeTakeFirstOrThrow();
}

async function reportOf(interactionId: string): Promise<{ queueId: string | null; reason: string | null; agentId: string | null; left: boolean }[]> {
  const rows = await db.selectFrom("queueAttempts").selectAll().where("interactionId", "=", interactionId).orderBy("enteredAt").orderBy("id").execute();
  return rows.map((row) => ({ queueId: row.queueId, reason: row.reason, agentId: row.agentId, left: row.leftAt !== null }));
}

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) {
      return error.code;
    }
    throw error;
  }
  return "none";
}

const sorted = (agents: readonly RoutingAgent[]) => agents.map((agent) => agent.id).sort();

describe("ring-all", () => {
  it("alerts every eligible member; the first accept wins and the others' alerts end", async () => {
    const agents = [await insertAgent(db), await insertAgent(db), await insertAgent(db)];
    const queueId = await insertQueue(db, { members: agents.map((agent) => agent.id) });
    const interactionId = await arrive(await insertEntryPoint(db, [queueId]));
    expect(await pendingOffers(interactionId)).toEqual(sorted(agents));
    expect((await stateOf(interactionId)).state).toBe("offered");

    const [first, second] = agents as [RoutingAgent, RoutingAgent];
    const accepted = await routing.accept(first.actor, interactionId);
    expect(accepted).toMatchObject({ state: "active", ownerId: first.id });
    expect(await pendingOffers(interactionId)).toEqual([]);
    expect(await errorCode(routing.accept(second.actor, interactionId))).toBe("interaction_taken");
    expect(await reportOf(interactionId)).toEqual([{ queueId, reason: "accepted", agentId: first.id, left: true }]);
  });

  it("leaves round robin's order alone: a ring-all alert is not a turn, with capacities to count too", async () => {
    const agents = [await insertAgent(db, { channels: { chat: { capacity: 2 } } }), await insertAgent(db, { channels: { chat: { capacity: 2 } } })];
    const lastOffered = async () =>
      (await db.selectFrom("agentPresence").select(["userId", "lastOfferedAt"]).where("userId", "in", sorted(agents)).orderBy("userId").execute()).map((row) => row.lastOfferedAt?.valueOf() ?? null);
    const before = await lastOffered();
    const interactionId = await arrive(await insertEntryPoint(db, [await insertQueue(db, { members: sorted(agents) })]));
    expect(await pendingOffers(interactionId)).toEqual(sorted(agents));
    expect(await lastOffered()).toEqual(before);
  });

  it("gives the interaction to exactly one of many agents accepting at once", async () => {
    const agents = await Promise.all(Array.from({ length: 8 }, () => insertAgent(db)));
    const queueId = await insertQueue(db, { members: agents.map((agent) => agent.id) });
    const interactionId = await arrive(await insertEntryPoint(db, [queueId]));
    const results = await Promise.allSettled(agents.map((agent) => routing.accept(agent.actor, interactionId)));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const owners = await db.selectFrom("interactions").select("ownerId").where("id", "=", interactionId).execute();
    expect(owners).toHaveLength(1);
    expect(await reportOf(interactionId)).toHaveLength(1);
  });
});

describe("eligibility (product.md, Channels and capacity)", () => {
  it("alerts nobody who is paused, has the channel off, is at the tab limit or at capacity, offline or in a pausing status", async () => {
    const ready = await insertAgent(db);
    const paused = await insertAgent(db, { channels: { chat: { paused: true } } });
    const disabled = await insertAgent(db, { channels: { chat: { enabled: false } } });
    const atCapacity = await insertAgent(db, { channels: { chat: { capacity: 1 } } });
    const offline = await insertAgent(db, { connected: false });
    const signedOut = await insertAgent(db, { ready: false });
    const everyone = [ready, paused, disabled, atCapacity, offline, signedOut];
    const queueId = await insertQueue(db, { members: everyone.map((agent) => agent.id) });
    const entryPointId = await insertEntryPoint(db, [queueId]);

    // Fill atCapacity's only chat slot through a queue of their own.
    const ownQueue = await insertQueue(db, { members: [atCapacity.id] });
    const busy = await arrive(await insertEntryPoint(db, [ownQueue]));
    await routing.accept(atCapacity.actor, busy);

    const interactionId = await arrive(entryPointId);
    expect(await pendingOffers(interactionId)).toEqual([ready.id]);
  });

  it("counts the tab limit across channels and refuses an accept over it", async () => {
    await server.server.services.settings.updateChannels(adminActor(), { maxOpenTabs: 1 });
    try {
      const agent = await insertAgent(db);
      const chatQueue = await insertQueue(db, { members: [agent.id] });
      const first = await arrive(await insertEntryPoint(db, [chatQueue]));
      await routing.accept(agent.actor, first);
      const smsQueue = await insertQueue(db, { channel: "sms", members: [agent.id] });
      const second = await arrive(await insertEntryPoint(db, [smsQueue], "sms"));
      expect(await pendingOffers(second)).toEqual([]);
      expect((await stateOf(second)).state).toBe("queued");

      // The slot frees: the waiting interaction is offered at once.
      await routing.close(agent.actor, first);
      await routing.idle();
      expect(await pendingOffers(second)).toEqual([agent.id]);
    } finally {
      await server.server.services.settings.updateChannels(adminActor(), { maxOpenTabs: 0 });
    }
  });

  it("offers the oldest waiting interaction first when a slot frees", async () => {
    const agent = await insertAgent(db, { channels: { chat: { capacity: 1 } } });
    const queueId = await insertQueue(db, { members: [agent.id] });
    const entryPointId = await insertEntryPoint(db, [queueId]);
    const first = await arrive(entryPointId);
    const second = await arrive(entryPointId);
    const third = await arrive(entryPointId);
    expect(await pendingOffers(first)).toEqual([agent.id]);
    expect(await pendingOffers(second)).toEqual([]);
    await routing.accept(agent.actor, first);
    await routing.close(agent.actor, first);
    await routing.idle();
    expect(await pendingOffers(second)).toEqual([agent.id]);
    expect(await pendingOffers(third)).toEqual([]);
  });
});

describe("one at a time", () => {
  it("offers to the agent idle longest, then the next after the offer timeout, and cycles on", async () => {
    const longestIdle = await insertAgent(db);
    const other = await insertAgent(db);
    await db.updateTable("agentPresence").set({ idleSince: sql<Date>`now() - interval '1 hour'` }).where("userId", "=", longestIdle.id).execute();
    const queueId = await insertQueue(db, { strategy: "longest-idle", members: [other.id, longestIdle.id] });
    const interactionId = await arrive(await insertEntryPoint(db, [queueId]));
    expect(await pendingOffers(interactionId)).toEqual([longestIdle.id]);

    await makeTimersDue(db, interactionId, "offers");
    await routing.runDueTimers();
    await routing.idle();
    expect(await pendingOffers(interactionId)).toEqual([other.id]);

    await makeTimersDue(db, interactionId, "offers");
    await routing.runDueTimers();
    await routing.idle();
    expect(await pendingOffers(interactionId)).toEqual([longestIdle.id]);
  });

  it("goes round robin: the agent whose last offer is oldest goes next", async () => {
    const agents = [await insertAgent(db), await insertAgent(db)];
    const queueId = await insertQueue(db, { strategy: "round-robin", members: agents.map((agent) => agent.id) });
    const entryPointId = await insertEntryPoint(db, [queueId]);
    const first = await arrive(entryPointId);
    const [firstAgent] = await pendingOffers(first);
    const second = await arrive(entryPointId);
    const [secondAgent] = await pendingOffers(second);
    expect(new Set([firstAgent, secondAgent]).size).toBe(2);
  });

  it("offers to the least occupied agent", async () => {
    const busy = await insertAgent(db);
    const free = await insertAgent(db);
    const warmUp = await insertQueue(db, { members: [busy.id] });
    await routing.accept(busy.actor, await arrive(await insertEntryPoint(db, [warmUp])));
    const queueId = await insertQueue(db, { strategy: "least-occupied", members: [busy.id, free.id] });
    const interactionId = await arrive(await insertEntryPoint(db, [queueId]));
    expect(await pendingOffers(interactionId)).toEqual([free.id]);
  });

  it("passes a rejected alert to the next agent and does not offer it again to the one who rejected", async () => {
    const agents = [await insertAgent(db), await insertAgent(db)];
    const queueId = await insertQueue(db, { strategy: "round-robin", members: agents.map((agent) => agent.id) });
    const interactionId = await arrive(await insertEntryPoint(db, [queueId]));
    const [offered] = await pendingOffers(interactionId);
    const rejecting = agents.find((agent) => agent.id === offered) ?? agents[0];
    await routing.reject(rejecting!.actor, interactionId);
    await routing.idle();
    const [next] = await pendingOffers(interactionId);
    expect(next).not.toBe(rejecting!.id);
    await makeTimersDue(db, interactionId, "offers");
    await routing.runDueTimers();
    await routing.idle();
    expect(await pendingOffers(interactionId)).toEqual([next]);
  });
});

describe("queue chain and report rows", () => {
  it("moves to the next queue on timeout and ends timed out after the last, one report row per attempt", async () => {
    const firstQueue = await insertQueue(db, { members: [] });
    const agent = await insertAgent(db);
    const secondQueue = await insertQueue(db, { members: [agent.id], strategy: "longest-idle" });
    const interactionId = await arrive(await insertEntryPoint(db, [firstQueue, secondQueue]));
    expect(await stateOf(interactionId)).toMatchObject({ state: "queued", queueId: firstQueue });

    await makeTimersDue(db, interactionId, "queue");
    await routing.runDueTimers();
    await routing.idle();
    expect(await stateOf(interactionId)).toMatchObject({ state: "offered", queueId: secondQueue });
    expect(await pendingOffers(interactionId)).toEqual([agent.id]);

    await makeTimersDue(db, interactionId, "queue");
    await routing.runDueTimers();
    expect((await stateOf(interactionId)).state).toBe("timed_out");
    expect(await pendingOffers(interactionId)).toEqual([]);
    expect(await reportOf(interactionId)).toEqual([
      { queueId: firstQueue, reason: "timeout", agentId: null, left: true },
      { queueId: secondQueue, reason: "timeout", agentId: null, left: true },
    ]);
  });

  it("tells the server's listeners (the wallboard) when an interaction waits with nobody to alert, and when it times out", async () => {
    const seen: string[] = [];
    const unsubscribe = server.server.services.events.subscribe((event) => {
      if (event.name === "interaction.queue_changed") {
        seen.push((event.payload as { interactionId: string }).interactionId);
        expect(event.audience.rooms).toEqual([]);
      }
    });
    try {
      const queueId = await insertQueue(db, { members: [] });
      const interactionId = await arrive(await insertEntryPoint(db, [queueId]));
      expect(seen).toEqual([interactionId]);
      await makeTimersDue(db, interactionId, "queue");
      await routing.runDueTimers();
      expect(seen).toEqual([interactionId, interactionId]);
    } finally {
      unsubscribe();
    }
  });

  it("ends abandoned when the customer leaves before anyone accepts", async () => {
    const agent = await insertAgent(db);
    const queueId = await insertQueue(db, { members: [agent.id] });
    const entryPointId = await insertEntryPoint(db, [queueId]);
    const interactionId = await arrive(entryPointId);
    await routing.abandon(entryPointId, `c-${conversation}`);
    expect((await stateOf(interactionId)).state).toBe("abandoned");
    expect(await pendingOffers(interactionId)).toEqual([]);
    expect(await reportOf(interactionId)).toEqual([{ queueId, reason: "abandoned", agentId: null, left: true }]);
  });
});

describe("auto-answer", () => {
  it("accepts on the agent's behalf once the delay is due", async () => {
    const agent = await insertAgent(db, { channels: { chat: { autoAnswerDelaySeconds: 5 } } });
    const queueId = await insertQueue(db, { members: [agent.id] });
    const interactionId = await arrive(await insertEntryPoint(db, [queueId]));
    await routing.runDueTimers();
    expect((await stateOf(interactionId)).state).toBe("offered");
    await makeTimersDue(db, interactionId, "auto-answer");
    await routing.runDueTimers();
    expect(await stateOf(interactionId)).toMatchObject({ state: "active", ownerId: agent.id });
  });

  it("waits at the capacity limit, then takes the oldest waiting interaction when a slot frees", async () => {
    const agent = await insertAgent(db, { channels: { chat: { autoAnswerDelaySeconds: 0, capacity: 1 } } });
    const queueId = await insertQueue(db, { members: [agent.id] });
    const entryPointId = await insertEntryPoint(db, [queueId]);
    const first = await arrive(entryPointId);
    await routing.runDueTimers();
    const second = await arrive(entryPointId);
    const third = await arrive(entryPointId);
    await routing.runDueTimers();
    expect((await stateOf(first)).state).toBe("active");
    expect((await stateOf(second)).state).toBe("queued");
    await routing.close(agent.actor, first);
    await routing.idle();
    await routing.runDueTimers();
    expect(await stateOf(second)).toMatchObject({ state: "active", ownerId: agent.id });
    expect((await stateOf(third)).state).toBe("queued");
  });
});

describe("agents who leave", () => {
  it("withdraws the alerts of an agent whose desktop lease lapsed, and offers to the others", async () => {
    const leaving = await insertAgent(db);
    const staying = await insertAgent(db);
    const queueId = await insertQueue(db, { strategy: "round-robin", members: [leaving.id, staying.id] });
    await db.updateTable("agentPresence").set({ lastOfferedAt: sql<Date>`now() - interval '1 day'` }).where("userId", "=", leaving.id).execute();
    await db.updateTable("agentPresence").set({ lastOfferedAt: sql<Date>`now()` }).where("userId", "=", staying.id).execute();
    const interactionId = await arrive(await insertEntryPoint(db, [queueId]));
    expect(await pendingOffers(interactionId)).toEqual([leaving.id]);
    await db.updateTable("agentPresence").set({ connectedUntil: sql<Date>`now() - interval '1 second'` }).where("userId", "=", leaving.id).execute();
    await routing.runDueTimers();
    await routing.idle();
    expect(await pendingOffers(interactionId)).toEqual([staying.id]);
  });

  it("withdraws the alerts of an agent removed from the queue or disabled", async () => {
    const removed = await insertAgent(db);
    const disabled = await insertAgent(db);
    const staying = await insertAgent(db);
    const queueId = await insertQueue(db, { members: [removed.id, disabled.id, staying.id] });
    const interactionId = await arrive(await insertEntryPoint(db, [queueId]));
    expect(await pendingOffers(interactionId)).toEqual(sorted([removed, disabled, staying]));
    await db.deleteFrom("queueMembers").where("queueId", "=", queueId).where("userId", "=", removed.id).execute();
    await db.updateTable("users").set({ disabled: true }).where("id", "=", disabled.id).execute();
    await routing.runDueTimers();
    expect(await pendingOffers(interactionId)).toEqual([staying.id]);
  });

  it("withdraws alerts when the agent pauses the channel", async () => {
    const agent = await insertAgent(db);
    const queueId = await insertQueue(db, { members: [agent.id] });
    const interactionId = await arrive(await insertEntryPoint(db, [queueId]));
    await setAgentChannel(db, agent.id, "chat", { paused: true });
    await routing.withdrawOffersOf(agent.id);
    expect(await pendingOffers(interactionId)).toEqual([]);
    expect((await stateOf(interactionId)).state).toBe("queued");
  });
});

describe("working an interaction", () => {
  it("keeps the conversation: customer messages, the agent's reply, close", async () => {
    const agent = await insertAgent(db);
    const queueId = await insertQueue(db, { members: [agent.id] });
    const entryPointId = await insertEntryPoint(db, [queueId]);
    const interactionId = await arrive(entryPointId, "First question");
    await routing.accept(agent.actor, interactionId);
    const again = await routing.receiveMessage({ entryPointId, conversationId: `c-${conversation}`, customerAddress: "visitor", body: "Are you there?" });
    expect(again).toMatchObject({ created: false, interaction: { id: interactionId } });
    await routing.reply(agent.actor, interactionId, "Yes, how can I help?");
    const { items: messages } = await routing.messages(agent.actor, interactionId);
    expect(messages.map((message) => [message.direction, message.body])).toEqual([
      ["inbound", "First question"],
      ["inbound", "Are you there?"],
      ["outbound", "Yes, how can I help?"],
    ]);
    const inbox = await routing.inbox(agent.id);
    expect(inbox.interactions.map((interaction) => interaction.id)).toContain(interactionId);
    const idleBefore = await db.selectFrom("agentPresence").select("idleSince").where("userId", "=", agent.id).executeTakeFirstOrThrow();
    const closed = await routing.close(agent.actor, interactionId);
    expect(closed).toMatchObject({ id: interactionId, state: "closed", entryPointName: expect.any(String), queueName: expect.any(String) });
    expect(closed.closedAt).not.toBeNull();
    expect((await stateOf(interactionId)).state).toBe("closed");
    const idleAfter = await db.selectFrom("agentPresence").select("idleSince").where("userId", "=", agent.id).executeTakeFirstOrThrow();
    expect(new Date(idleAfter.idleSince).getTime()).toBeGreaterThan(new Date(idleBefore.idleSince).getTime());
    expect(await errorCode(routing.reply(agent.actor, interactionId, "late"))).toBe("interaction_closed");
    expect(await errorCode(routing.close(agent.actor, interactionId))).toBe("interaction_closed");
  });

  it("does not let another agent read or reply to an interaction that is not theirs", async () => {
    const owner = await insertAgent(db);
    const stranger = await insertAgent(db);
    const queueId = await insertQueue(db, { members: [owner.id] });
    const interactionId = await arrive(await insertEntryPoint(db, [queueId]));
    await routing.accept(owner.actor, interactionId);
    expect(await errorCode(routing.messages(stranger.actor, interactionId))).toBe("interaction_not_found");
    expect(await errorCode(routing.reply(stranger.actor, interactionId, "hi"))).toBe("interaction_not_found");
    expect(await errorCode(routing.close(stranger.actor, interactionId))).toBe("interaction_not_found");
  });
});

function adminActor() {
  return { requestId: "test-admin", principal: { via: "token", tokenId: "t", user: { id: null, username: "admin", fullName: "Admin", role: "admin" } } } as never;
}
