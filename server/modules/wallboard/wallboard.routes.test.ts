import { randomBytes, randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { Wallboard, WallboardAgent, WallboardQueue } from "../../../common/api/wallboard.ts";
import type { Channel } from "../../../common/domain/channels.ts";
import type { Db } from "../../db/database.ts";
import type { InteractionState } from "../../db/tables.ts";
import { addToQueue, insertQueue } from "../../test/agent-factories.ts";
import { createUser } from "../../test/factories.ts";
import type { TestClient } from "../../test/http-client.ts";
import { connectSocket, nextEvent } from "../../test/socket-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";

// Rows are written straight to the database: the wallboard reads what the routing engine and the presence
// module store, and exact states (an offer pending, an interaction waiting with nobody able to take it) are
// easier to set up than to reach through the engine.

const SECOND = 1000;

/** The database's clock, to the millisecond, so expected durations can be worked out exactly. */
async function databaseNow(db: Db): Promise<Date> {
  const { rows } = await sql<{ now: Date }>`select date_trunc('milliseconds', now()) as now`.execute(db);
  return new Date(rows[0]?.now ?? Date.now());
}

async function setPresence(db: Db, userId: string, presence: { status: "ready" | "custom" | "offline" | "on-call"; customStatusId?: string; connected: boolean; since: Date }) {
  await db
    .insertInto("agentPresence")
    .values({
      userId,
      status: presence.status,
      customStatusId: presence.customStatusId ?? null,
      statusSince: presence.since,
      connectedUntil: presence.connected ? sql<Date>`now() + interval '1 hour'` : sql<Date>`now() - interval '1 second'`,
    })
    .execute();
}

async function insertInteraction(db: Db, values: { queueId: string; state: InteractionState; queuedAt?: Date; ownerId?: string; channel?: Channel }): Promise<string> {
  const row = await db
    .insertInto("interactions")
    .values({
      channel: values.channel ?? "chat",
      customerAddress: `customer-${randomBytes(3).toString("hex")}`,
      state: values.state,
      queueId: values.queueId,
      ownerId: values.ownerId ?? null,
      ...(values.queuedAt ? { queuedAt: values.queuedAt } : {}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function insertAttempt(db: Db, queueId: string, reason: "accepted" | "timeout" | "abandoned", leftAt: Date): Promise<void> {
  const interactionId = await insertInteraction(db, { queueId, state: "closed" });
  await db.insertInto("queueAttempts").values({ interactionId, queueId, channel: "chat", enteredAt: new Date(leftAt.getTime() - 60 * SECOND), leftAt, reason }).execute();
}

describe("wallboard API", () => {
  let testServer: TestServer;
  let db: Db;
  let admin: TestClient;
  let supervisor: TestClient;
  let now: Date;
  const ids = { supervisedQueue: "", otherQueue: "", ada: "", bob: "", dave: "", newcomer: "", outsider: "", supervisor: "" };

  beforeAll(async () => {
    // The rows below are written as the routing engine would leave them; its worker's periodic drain would
    // go on to route them (offer the queued ones to Ada), so it is slowed far past this file's run.
    testServer = await startTestServer({ config: { routingTickMilliseconds: 60_000 } });
    db = testServer.database.db;
    admin = (await testServer.signedIn("admin")).client;
    const signedInSupervisor = await testServer.signedIn("supervisor");
    supervisor = signedInSupervisor.client;
    ids.supervisor = signedInSupervisor.created.user.id;
    expect((await admin.patch("/api/v1/settings/channels", { defaultCapacity: { chat: 3 }, maxOpenTabs: 5 })).status).toBe(200);

    const agent = async (fullName: string) => (await createUser(testServer.server.services, "agent", { fullName })).user.id;
    [ids.ada, ids.bob, ids.dave, ids.newcomer, ids.outsider] = [await agent("Ada Ready"), await agent("Bob Lunch"), await agent("Dave Dropped"), await agent("Nell Newcomer"), await agent("Otto Outside")];
    ids.supervisedQueue = await insertQueue(db, "chat");
    ids.otherQueue = await insertQueue(db, "chat");
    await addToQueue(db, ids.supervisedQueue, ids.supervisor, ids.ada, ids.bob, ids.dave, ids.newcomer);
    await addToQueue(db, ids.otherQueue, ids.outsider);

    now = await databaseNow(db);
    const lunch = await db.insertInto("customStatuses").values({ name: `Lunch ${randomBytes(3).toString("hex")}`, pausesRouting: true }).returning(["id", "name"]).executeTakeFirstOrThrow();
    await setPresence(db, ids.ada, { status: "ready", connected: true, since: new Date(now.getTime() - 300 * SECOND) });
    await setPresence(db, ids.bob, { status: "custom", customStatusId: lunch.id, connected: true, since: now });
    await setPresence(db, ids.dave, { status: "ready", connected: false, since: now });
    await setPresence(db, ids.outsider, { status: "ready", connected: true, since: now });
    await db
      .insertInto("agentChannels")
      .values([
        { userId: ids.ada, channel: "chat", capacity: 2 },
        { userId: ids.ada, channel: "sms", paused: true },
      ])
      .execute();

    await insertInteraction(db, { queueId: ids.supervisedQueue, state: "queued", queuedAt: new Date(now.getTime() - 90 * SECOND) });
    await insertInteraction(db, { queueId: ids.supervisedQueue, state: "queued", queuedAt: new Date(now.getTime() - 30 * SECOND) });
    const offered = await insertInteraction(db, { queueId: ids.supervisedQueue, state: "offered", queuedAt: new Date(now.getTime() - 10 * SECOND) });
    await db.insertInto("offers").values({ interactionId: offered, agentId: ids.ada, queueId: ids.supervisedQueue, channel: "chat", attemptId: randomUUID() }).execute();
    await insertInteraction(db, { queueId: ids.supervisedQueue, state: "active", ownerId: ids.ada });
    await insertInteraction(db, { queueId: ids.supervisedQueue, state: "closed", ownerId: ids.ada, queuedAt: new Date(now.getTime() - 3600 * SECOND) });
    await insertInteraction(db, { queueId: ids.otherQueue, state: "queued", queuedAt: new Date(now.getTime() - 600 * SECOND) });
    await insertAttempt(db, ids.supervisedQueue, "accepted", now);
    await insertAttempt(db, ids.supervisedQueue, "timeout", now);
    await insertAttempt(db, ids.supervisedQueue, "abandoned", now);
    await insertAttempt(db, ids.supervisedQueue, "accepted", new Date(now.getTime() - 2 * 86_400 * SECOND));
  });
  afterAll(async () => {
    await testServer.close();
  });

  const agentIn = (board: Wallboard, id: string): WallboardAgent | undefined => board.agents.find((agent) => agent.id === id);
  const queueIn = (board: Wallboard, id: string): WallboardQueue | undefined => board.queues.find((queue) => queue.id === id);

  it("shows a supervisor only the agents who share a queue with them and the queues they are on", async () => {
    const response = await supervisor.get<Wallboard>("/api/v1/wallboard");
    expect(response.status).toBe(200);
    expect(response.body.agents.map((agent) => agent.fullName)).toEqual(["Ada Ready", "Bob Lunch", "Dave Dropped", "Nell Newcomer"]);
    expect(response.body.queues.map((queue) => queue.id)).toEqual([ids.supervisedQueue]);

    const everything = await admin.get<Wallboard>("/api/v1/wallboard");
    expect(everything.body.agents.map((agent) => agent.id)).toEqual(expect.arrayContaining([ids.ada, ids.outsider]));
    expect(everything.body.queues.map((queue) => queue.id)).toEqual(expect.arrayContaining([ids.supervisedQueue, ids.otherQueue]));
  });

  it("counts waiting, offered and active interactions, and the longest wait by the database's clock", async () => {
    const board = (await supervisor.get<Wallboard>("/api/v1/wallboard")).body;
    const elapsed = Math.floor((Date.parse(board.generatedAt) - (now.getTime() - 90 * SECOND)) / SECOND);
    expect(elapsed).toBeGreaterThanOrEqual(90);
    expect(queueIn(board, ids.supervisedQueue)).toMatchObject({ channel: "chat", strategy: "ring-all", waiting: 3, offered: 1, active: 1, longestWaitSeconds: elapsed });
    const other = queueIn((await admin.get<Wallboard>("/api/v1/wallboard")).body, ids.otherQueue);
    expect(other).toMatchObject({ waiting: 1, offered: 0, active: 0, agentsReady: 1 });
    expect(other?.longestWaitSeconds).toBeGreaterThanOrEqual(600);
  });

  it("counts as ready only connected members whose status takes new work", async () => {
    const board = (await supervisor.get<Wallboard>("/api/v1/wallboard")).body;
    // Ada: ready and connected. Bob: a custom status that pauses routing. Dave: ready but his lease ran out.
    expect(queueIn(board, ids.supervisedQueue)?.agentsReady).toBe(1);
    await db.updateTable("agentChannels").set({ paused: true }).where("userId", "=", ids.ada).where("channel", "=", "chat").execute();
    expect(queueIn((await supervisor.get<Wallboard>("/api/v1/wallboard")).body, ids.supervisedQueue)?.agentsReady).toBe(0);
    await db.updateTable("agentChannels").set({ paused: false }).where("userId", "=", ids.ada).where("channel", "=", "chat").execute();
  });

  it("reports the attempts that ended today, or since the time the page asks for", async () => {
    const board = (await supervisor.get<Wallboard>("/api/v1/wallboard")).body;
    expect(queueIn(board, ids.supervisedQueue)?.today).toEqual({ accepted: 1, timedOut: 1, abandoned: 1 });
    const since = new Date(now.getTime() - 3 * 86_400 * SECOND).toISOString();
    const week = (await supervisor.get<Wallboard>(`/api/v1/wallboard?since=${encodeURIComponent(since)}`)).body;
    expect(queueIn(week, ids.supervisedQueue)?.today).toEqual({ accepted: 2, timedOut: 1, abandoned: 1 });
    const refused = await supervisor.get<ErrorBody>("/api/v1/wallboard?since=yesterday");
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^since: /);
  });

  it("shows each agent's status, connection, pauses, load against capacity, open tabs and pending offers", async () => {
    const board = (await supervisor.get<Wallboard>("/api/v1/wallboard")).body;
    expect(agentIn(board, ids.ada)).toEqual({
      id: ids.ada,
      fullName: "Ada Ready",
      username: expect.any(String),
      status: "ready",
      customStatusName: null,
      statusSince: new Date(now.getTime() - 300 * SECOND).toISOString(),
      connected: true,
      pausedChannels: ["sms"],
      // Chat: Ada's own capacity of 2; voice: the global default of 1; SMS: 0, unlimited.
      load: [
        { channel: "voice", active: 0, capacity: 1 },
        { channel: "chat", active: 1, capacity: 2 },
        { channel: "sms", active: 0, capacity: 0 },
      ],
      openTabs: 1,
      maxOpenTabs: 5,
      pendingOffers: 1,
    });
    expect(agentIn(board, ids.bob)).toMatchObject({ status: "custom", customStatusName: expect.stringMatching(/^Lunch /), connected: true, openTabs: 0, pendingOffers: 0 });
    expect(agentIn(board, ids.bob)?.load.find((load) => load.channel === "chat")).toEqual({ channel: "chat", active: 0, capacity: 3 });
    expect(agentIn(board, ids.dave)).toMatchObject({ status: "ready", connected: false });
    expect(agentIn(board, ids.newcomer)).toMatchObject({ status: "offline", statusSince: null, connected: false, pausedChannels: [] });
  });

  it("leaves out disabled agents", async () => {
    await db.updateTable("users").set({ disabled: true }).where("id", "=", ids.newcomer).execute();
    const board = (await supervisor.get<Wallboard>("/api/v1/wallboard")).body;
    expect(agentIn(board, ids.newcomer)).toBeUndefined();
    await db.updateTable("users").set({ disabled: false }).where("id", "=", ids.newcomer).execute();
  });

  it("refuses agents with 403", async () => {
    const { client } = await testServer.signedIn("agent");
    const response = await client.get<ErrorBody>("/api/v1/wallboard");
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe("forbidden");
  });

  it("hints admins and supervisors that the board changed when an agent's channels change", async () => {
    const socket = await connectSocket(testServer.url, { cookie: supervisor.cookie });
    try {
      const hint = nextEvent(socket, "wallboard.changed");
      expect((await admin.request("PUT", `/api/v1/agents/${ids.bob}/channels/chat`, { capacity: 4 })).status).toBe(200);
      expect(await hint).toEqual({});
      const board = (await supervisor.get<Wallboard>("/api/v1/wallboard")).body;
      expect(agentIn(board, ids.bob)?.load.find((load) => load.channel === "chat")?.capacity).toBe(4);
    } finally {
      socket.close();
    }
  });
});
