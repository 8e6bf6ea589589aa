import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../test/http-client.ts";
import { connectSocket, nextEvent, waitForDisconnect, type TestSocket } from "../test/socket-client.ts";
import { spawnServer, stopServer, type ServerProcess } from "../test/server-process.ts";
import { createPostgresDatabase } from "../test/test-database.ts";

const ADMIN_PASSWORD = "Admin-password-1";

// Two server processes on one PostgreSQL database and one Redis behave as one: an event emitted by one
// reaches a client connected to the other. Runs in the `postgres` project when REDIS_URL is set.
describe("two server processes, one PostgreSQL, one Redis", () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  const processes: ServerProcess[] = [];
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    database = await createPostgresDatabase();
    // Both start at once: migrations and the first admin must survive the race.
    const environment = { DATABASE_URL: database.url, ADMIN_PASSWORD, LOGIN_RATE_LIMIT: "4", TRUST_PROXY: "true" };
    processes.push(...(await Promise.all([spawnServer(environment), spawnServer(environment)])));
  });
  afterAll(async () => {
    for (const socket of sockets) {
      socket.disconnect();
    }
    await Promise.all(processes.map((server) => stopServer(server)));
    await database?.close();
  });

  it("delivers an event emitted by one process to a client connected to the other", async () => {
    const [first, second] = processes as [ServerProcess, ServerProcess];
    const admin = new TestClient(first.url, { "x-forwarded-for": randomClientAddress() });
    expect((await admin.signIn("admin", ADMIN_PASSWORD)).status).toBe(200);
    const socket = await connectSocket(second.url, { cookie: admin.cookie });
    sockets.push(socket);

    const received = nextEvent(socket, "settings.updated");
    expect((await admin.patch("/api/v1/settings/security", { lockoutThreshold: 7 })).status).toBe(200);
    expect(await received).toEqual({ security: { suiteEnabled: false, maskCharacters: 4, lockoutThreshold: 7 } });
  });

  it("signing out on one process closes the session's socket on the other", async () => {
    const [first, second] = processes as [ServerProcess, ServerProcess];
    const admin = new TestClient(first.url, { "x-forwarded-for": randomClientAddress() });
    await admin.signIn("admin", ADMIN_PASSWORD);
    const socket = await connectSocket(second.url, { cookie: admin.cookie });
    sockets.push(socket);

    const ended = nextEvent(socket, "session.ended");
    const disconnected = waitForDisconnect(socket);
    expect((await admin.post("/api/v1/auth/logout")).status).toBe(204);
    expect(await ended).toEqual({ reason: "signed_out" });
    expect(await disconnected).toBe("io server disconnect");
  });

  it("shares the sign-in rate limit across processes", async () => {
    const [first, second] = processes as [ServerProcess, ServerProcess];
    const clientAddress = randomClientAddress();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const target = attempt % 2 === 0 ? first : second;
      const response = await new TestClient(target.url).request("POST", "/api/v1/auth/login", { username: "nobody", password: "wrong" }, { "x-forwarded-for": clientAddress });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });
});

// The rate limit's counters live in Redis across runs: each test signs in from an address of its own.
function randomClientAddress(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}
