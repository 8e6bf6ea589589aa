import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoachingInbox, CoachingLogRecipient, CoachingSettings } from "../../../common/api/coaching.ts";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { Page } from "../../../common/api/pagination.ts";
import type { DatabaseHandle } from "../../db/database.ts";
import { TestClient } from "../../test/http-client.ts";
import { ManualClock } from "../../test/manual-clock.ts";
import { connectSocket, type TestSocket } from "../../test/socket-client.ts";
import { createTestDatabase } from "../../test/test-database.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";
import { waitForEvent } from "../presence/presence-events.test-support.ts";
import { expectStatus, sent } from "./coaching.test-support.ts";

// product.md, Coaching messages: "the agent's copy is cleared overnight". Issue 6, item 4: at a configurable local
// time in the account's time zone, copies older than that leave the agents' view; it runs once across several
// server processes (a schedule row claimed with SKIP LOCKED) and catches up after downtime. The log keeps them.
describe("coaching clear-down", () => {
  let database: DatabaseHandle;
  const servers: TestServer[] = [];
  const sockets: TestSocket[] = [];
  // Sessions outlive the days the clocks jump over; only the clear-down is on the test's schedule.
  const config = { coachingClearDownCheckSeconds: 3600, sessionIdleMinutes: 10_080, sessionMaxHours: 720 };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const socket of sockets) {
      socket.disconnect();
    }
    for (const server of servers) {
      await server.close();
    }
    await database.close();
  });

  async function serverAt(clock: ManualClock): Promise<TestServer> {
    const server = await startTestServer({ database, clock, config });
    servers.push(server);
    return server;
  }

  const settingsOf = async (client: TestClient) => expectStatus<CoachingSettings>(await client.get("/api/v1/settings/coaching"), 200, "reading the coaching settings");
  const clearDownRuns = async () =>
    Number((await database.db.selectFrom("auditLog").select((eb) => eb.fn.countAll<number>().as("runs")).where("action", "=", "coaching.cleared_down").executeTakeFirstOrThrow()).runs);

  it("is set by admins in the account's time zone, refusing a bad time or zone by name, and audited", async () => {
    const clock = new ManualClock(new Date("2026-03-10T10:00:00Z"));
    const server = await serverAt(clock);
    const admin = (await server.signedIn("admin")).client;
    expect(await settingsOf(admin)).toMatchObject({ timeZone: "UTC", clearDownTime: "03:00" });

    // 23:15 in New York (EDT since 8 March 2026, UTC-4) after 06:00 there: tonight, 03:15 UTC the next day.
    const changed = expectStatus<CoachingSettings>(await admin.patch("/api/v1/settings/coaching", { timeZone: "America/New_York", clearDownTime: "23:15" }), 200, "changing");
    expect(changed).toEqual({ timeZone: "America/New_York", clearDownTime: "23:15", nextClearDownAt: "2026-03-11T03:15:00.000Z", lastClearDownAt: null });
    const badTime = await admin.patch<ErrorBody>("/api/v1/settings/coaching", { clearDownTime: "25:00" });
    expect(badTime.status).toBe(400);
    expect(badTime.body.error.message).toMatch(/^clearDownTime: /);
    const badZone = await admin.patch<ErrorBody>("/api/v1/settings/coaching", { timeZone: "Mars/Olympus_Mons" });
    expect(badZone.status).toBe(400);
    expect(badZone.body.error.message).toMatch(/^timeZone: /);
    const supervisor = (await server.signedIn("supervisor")).client;
    expect((await supervisor.patch("/api/v1/settings/coaching", { clearDownTime: "04:00" })).status).toBe(403);
    const audited = await database.db.selectFrom("auditLog").select(["summary"]).where("action", "=", "coaching_settings.updated").execute();
    expect(audited.map((entry) => entry.summary)).toEqual(["Set the coaching clear-down to 23:15 (America/New_York)"]);
    await server.close();
    servers.splice(servers.indexOf(server), 1);
  });

  it("catches up after downtime with one run: copies sent before the last clear-down time leave the agent's view, the log keeps them", async () => {
    const clock = new ManualClock(new Date("2026-03-10T10:00:00Z"));
    const before = await serverAt(clock);
    const admin = (await before.signedIn("admin")).client;
    // 02:30 in Paris (CET, UTC+1): 01:30 UTC.
    expect((await settingsOf(admin)).timeZone).toBe("America/New_York");
    const changed = expectStatus<CoachingSettings>(await admin.patch("/api/v1/settings/coaching", { timeZone: "Europe/Paris", clearDownTime: "02:30" }), 200, "changing");
    expect(changed.nextClearDownAt).toBe("2026-03-11T01:30:00.000Z");
    const agent = await before.signedIn("agent");
    const old = await sent(admin, "From Tuesday", { kind: "agent", agentId: agent.created.user.id });
    clock.advanceMinutes(2 * 24 * 60 + 2 * 60); // Thursday 12:00 UTC: two clear-downs due, none run.
    const recent = await sent(admin, "From Thursday noon", { kind: "agent", agentId: agent.created.user.id });
    const runsBefore = await clearDownRuns();
    await before.close();
    servers.splice(servers.indexOf(before), 1);

    // The server comes back on Friday 00:30 UTC (01:30 in Paris): the last clear-down time was Thursday 02:30 Paris.
    const after = await serverAt(new ManualClock(new Date("2026-03-13T00:30:00Z")));
    const newAdmin = (await after.signedIn("admin")).client;
    await expect.poll(async () => (await settingsOf(newAdmin)).lastClearDownAt).toBe("2026-03-13T00:30:00.000Z");
    expect(await clearDownRuns()).toBe(runsBefore + 1);
    expect((await settingsOf(newAdmin)).nextClearDownAt).toBe("2026-03-13T01:30:00.000Z");

    const agentClient = new TestClient(after.url);
    expectStatus(await agentClient.signIn(agent.created.username, agent.created.password), 200, "agent sign-in");
    const inbox = expectStatus<CoachingInbox>(await agentClient.get("/api/v1/coaching/inbox"), 200, "inbox");
    expect(inbox.items.map((item) => item.id)).toEqual([recent.id]);
    expect(inbox.unread).toBe(1);
    const logged = expectStatus<Page<CoachingLogRecipient>>(await newAdmin.get(`/api/v1/coaching/log/${old.id}/recipients`), 200, "log");
    expect(logged.items[0]).toMatchObject({ agentId: agent.created.user.id, clearedAt: "2026-03-13T00:30:00.000Z" });
  });

  it("runs once when two server processes look at the same moment, and tells the agents' desktops", async () => {
    const clock = new ManualClock(new Date("2026-03-14T12:00:00Z"));
    const [first, second] = [await serverAt(clock), await serverAt(clock)] as const;
    const admin = (await first.signedIn("admin")).client;
    const agent = await second.signedIn("agent");
    // Each process relays to its own sockets (no Redis here): the agent has a desktop on both.
    const desktops = [await connectSocket(first.url, { cookie: agent.client.cookie }), await connectSocket(second.url, { cookie: agent.client.cookie })];
    sockets.push(...desktops);
    // Both processes looked once as they started (the run due since the last test's clock is done by then).
    await expect.poll(async () => Date.parse((await settingsOf(admin)).nextClearDownAt)).toBeGreaterThan(clock.now().getTime());
    for (let round = 1; round <= 5; round += 1) {
      await sent(admin, `Round ${round}`, { kind: "agent", agentId: agent.created.user.id });
      clock.advanceMinutes(24 * 60);
      const told = Promise.any(desktops.map((desktop) => waitForEvent(desktop, "coaching_messages.cleared", () => true)));
      const runsBefore = await clearDownRuns();

      const outcomes = await Promise.all([first.server.services.coachingClearDown.runIfDue(), second.server.services.coachingClearDown.runIfDue()]);

      expect(outcomes.filter((outcome) => outcome !== undefined)).toHaveLength(1);
      expect(await clearDownRuns()).toBe(runsBefore + 1);
      const run = outcomes.find((outcome) => outcome !== undefined);
      expect((await told).before).toBe(run?.cutoff.toISOString());
      expect(expectStatus<CoachingInbox>(await agent.client.get("/api/v1/coaching/inbox"), 200, "inbox").items).toEqual([]);
      // Nothing is due until the next night.
      expect(await first.server.services.coachingClearDown.runIfDue()).toBeUndefined();
    }
  });
});
