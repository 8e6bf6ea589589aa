import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices } from "../../services.ts";
import { createUser } from "../../test/factories.ts";
import { TestClient } from "../../test/http-client.ts";
import { collectEvents, connectSocket, type TestSocket } from "../../test/socket-client.ts";
import { spawnServer, stopServer, type ServerProcess } from "../../test/server-process.ts";
import { createPostgresDatabase } from "../../test/test-database.ts";
import { openDesktop, waitForPresence } from "./presence-events.test-support.ts";

const ADMIN_PASSWORD = "Admin-password-1";

// Two processes on one PostgreSQL and Redis, with a tiny lease: each renews only its own desktops, and a
// lease that ran out is claimed (and announced) once, whichever process sweeps first. Runs in `postgres` with REDIS_URL.
describe("presence across two server processes", () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  const processes: ServerProcess[] = [];
  const sockets: TestSocket[] = [];
  const forwardedFor = { "x-forwarded-for": `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}` };

  beforeAll(async () => {
    database = await createPostgresDatabase();
    const environment = { DATABASE_URL: database.url, ADMIN_PASSWORD, TRUST_PROXY: "true", PRESENCE_GRACE_SECONDS: "1", PRESENCE_HEARTBEAT_SECONDS: "1" };
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

  it("keeps a desktop on one process connected while the other sweeps, and announces a lapsed lease once", async () => {
    const [first, second] = processes as [ServerProcess, ServerProcess];
    const admin = new TestClient(second.url, forwardedFor);
    const adminSession = await admin.signIn("admin", ADMIN_PASSWORD);
    const adminDesktop = await openDesktop(second.url, admin, adminSession.body.user.id);
    sockets.push(adminDesktop.socket);
    const seen = collectEvents(adminDesktop.socket, "presence.changed");

    const steady = await signedInAgent(first.url);
    sockets.push((await openDesktop(first.url, steady.client, steady.id)).socket);
    const leaving = await signedInAgent(first.url);
    const leavingDesktop = await openDesktop(first.url, leaving.client, leaving.id);

    const lapsed = waitForPresence(adminDesktop.socket, leaving.id, (presence) => !presence.connected);
    leavingDesktop.socket.disconnect();
    await lapsed;
    // Back on the other process: a later event, after any duplicate of the lapse would have come.
    const back = waitForPresence(adminDesktop.socket, leaving.id, (presence) => presence.connected);
    sockets.push(await connectSocket(second.url, { cookie: leaving.client.cookie }));
    expect(await back).toMatchObject({ status: "ready", connected: true });

    const ofLeaving = seen.filter((payload) => payload.presence.agentId === leaving.id).map((payload) => payload.presence.connected);
    expect(ofLeaving.filter((connected) => !connected)).toHaveLength(1);
    expect(seen.filter((payload) => payload.presence.agentId === steady.id && !payload.presence.connected)).toEqual([]);
    expect((await admin.get<{ connected: boolean }>(`/api/v1/presence/${steady.id}`)).body.connected).toBe(true);
  });
});
