import { randomInt } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoachingInbox } from "../../../common/api/coaching.ts";
import { createServices } from "../../services.ts";
import { createUser } from "../../test/factories.ts";
import { TestClient } from "../../test/http-client.ts";
import { connectSocket, type TestSocket } from "../../test/socket-client.ts";
import { spawnServer, stopServer, type ServerProcess } from "../../test/server-process.ts";
import { createPostgresDatabase } from "../../test/test-database.ts";
import { openDesktop, waitForEvent } from "../presence/presence-events.test-support.ts";
import { expectStatus, sent } from "./coaching.test-support.ts";

const ADMIN_PASSWORD = "Admin-password-1";

// Two server processes on one PostgreSQL and Redis, each looking for a due clear-down every second: every due
// clear-down runs exactly once, and a message sent through one process reaches desktops on the other, at once
// or at sign-in. Runs in `postgres` with REDIS_URL.
describe("coaching across two server processes", () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  const processes: ServerProcess[] = [];
  const sockets: TestSocket[] = [];
  const forwardedFor = { "x-forwarded-for": `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}` };

  beforeAll(async () => {
    database = await createPostgresDatabase();
    const environment = { DATABASE_URL: database.url, ADMIN_PASSWORD, TRUST_PROXY: "true", COACHING_CLEAR_DOWN_CHECK_SECONDS: "1" };
    processes.push(await spawnServer(environment));
    processes.push(await spawnServer(environment));
  });
  afterAll(async () => {
    for (const socket of sockets) {
      socket.disconnect();
    }
    await Promise.all(processes.map((server) => stopServer(server)));
    await database?.close();
  });

  async function signedInAgent(url: string) {
    const services = createServices({ db: database.db, config: { sessionIdleMinutes: 60, sessionMaxHours: 12 } });
    const created = await createUser(services, "agent");
    const client = new TestClient(url, forwardedFor);
    expect((await client.signIn(created.username, created.password)).status).toBe(200);
    return { client, id: created.user.id };
  }

  const clearDownRuns = async () =>
    Number((await database.db.selectFrom("auditLog").select((eb) => eb.fn.countAll<number>().as("runs")).where("action", "=", "coaching.cleared_down").executeTakeFirstOrThrow()).runs);

  it("delivers a message sent through one process to desktops on the other, at once and at sign-in", async () => {
    const [first, second] = processes as [ServerProcess, ServerProcess];
    const admin = new TestClient(second.url, forwardedFor);
    expect((await admin.signIn("admin", ADMIN_PASSWORD)).status).toBe(200);
    const online = await signedInAgent(first.url);
    const onlineDesktop = await openDesktop(first.url, online.client, online.id);
    sockets.push(onlineDesktop.socket);
    const offline = await signedInAgent(first.url);
    const reached = waitForEvent(onlineDesktop.socket, "coaching_message.delivered", () => true);

    const toOnline = await sent(admin, "Across processes", { kind: "agent", agentId: online.id });
    const toOffline = await sent(admin, "Waiting for you", { kind: "agent", agentId: offline.id });

    expect((await reached).messages.map((message) => message.id)).toEqual([toOnline.id]);
    expect(toOffline.deliveredCount).toBe(0);
    const desktop = await connectSocket(first.url, { cookie: offline.client.cookie });
    sockets.push(desktop);
    await expect
      .poll(async () => expectStatus<CoachingInbox>(await offline.client.get("/api/v1/coaching/inbox"), 200, "inbox").items.map((item) => item.deliveredAt !== null))
      .toEqual([true]);
  });

  it("runs each due clear-down once, whichever process claims it, and tells desktops on both", async () => {
    const [first, second] = processes as [ServerProcess, ServerProcess];
    const admin = new TestClient(second.url, forwardedFor);
    expect((await admin.signIn("admin", ADMIN_PASSWORD)).status).toBe(200);
    const agent = await signedInAgent(first.url);
    const desktop = await connectSocket(first.url, { cookie: agent.client.cookie });
    sockets.push(desktop);
    for (let round = 1; round <= 3; round += 1) {
      const message = await sent(admin, `Yesterday's note ${round}`, { kind: "agent", agentId: agent.id });
      // Sent two days ago, and the clear-down overdue: both processes find it due at their next look.
      await sql`update coaching_recipients set created_at = now() - interval '2 days' where message_id = ${message.id}`.execute(database.db);
      const runsBefore = await clearDownRuns();
      const told = waitForEvent(desktop, "coaching_messages.cleared", () => true);
      await database.db.updateTable("coachingClearDown").set({ nextRunAt: sql<Date>`now() - interval '1 minute'` }).execute();

      await told;
      await expect.poll(clearDownRuns).toBe(runsBefore + 1);
      // Both processes look again (every second) and find nothing due.
      await sleep(2_500);
      expect(await clearDownRuns()).toBe(runsBefore + 1);
      const schedule = await database.db.selectFrom("coachingClearDown").select(sql<boolean>`next_run_at > now()`.as("inFuture")).executeTakeFirstOrThrow();
      expect(schedule.inFuture).toBe(true);
      expect(expectStatus<CoachingInbox>(await agent.client.get("/api/v1/coaching/inbox"), 200, "inbox").items).toEqual([]);
    }
  });
});
