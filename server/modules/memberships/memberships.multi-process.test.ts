import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeam } from "../../test/group-factories.ts";
import { TestClient } from "../../test/http-client.ts";
import { connectSocket, nextEvent, type TestSocket } from "../../test/socket-client.ts";
import { spawnServer, stopServer, type ServerProcess } from "../../test/server-process.ts";
import { createPostgresDatabase } from "../../test/test-database.ts";
import { createServices } from "../../services.ts";
import { createUser } from "../../test/factories.ts";

const ADMIN_PASSWORD = "Admin-password-1";

// A membership changed through one process moves the agent's socket, connected to the other, into the
// team's room (the gateway's join goes through the Redis adapter). Runs in `postgres` with REDIS_URL.
describe("memberships across two server processes", () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  const processes: ServerProcess[] = [];
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    database = await createPostgresDatabase();
    const environment = { DATABASE_URL: database.url, ADMIN_PASSWORD, TRUST_PROXY: "true" };
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

  it("joins the agent's socket on the other process to the team's room", async () => {
    const [first, second] = processes as [ServerProcess, ServerProcess];
    const forwardedFor = { "x-forwarded-for": `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}` };
    const admin = new TestClient(first.url, forwardedFor);
    expect((await admin.signIn("admin", ADMIN_PASSWORD)).status).toBe(200);
    const services = createServices({ db: database.db, config: { sessionIdleMinutes: 60, sessionMaxHours: 12 } });
    const created = await createUser(services, "agent");
    const agent = new TestClient(second.url, forwardedFor);
    expect((await agent.signIn(created.username, created.password)).status).toBe(200);
    const socket = await connectSocket(second.url, { cookie: agent.cookie });
    sockets.push(socket);

    const team = await createTeam(admin);
    const pushed = nextEvent(socket, "agent.memberships_changed");
    await admin.post(`/api/v1/teams/${team.id}/members`, { userIds: [created.user.id] });
    expect((await pushed).memberships.teams).toEqual([{ id: team.id, name: team.name, role: "member" }]);

    const renamed = nextEvent(socket, "team.updated");
    await admin.patch(`/api/v1/teams/${team.id}`, { description: "heard through the team's room" });
    expect((await renamed).team.description).toBe("heard through the team's room");
  });
});
