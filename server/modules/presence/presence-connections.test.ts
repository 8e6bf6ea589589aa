import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CustomStatus, Presence } from "../../../common/api/presence.ts";
import { TestClient } from "../../test/http-client.ts";
import { collectEvents, connectSocket, type TestSocket } from "../../test/socket-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";
import { openDesktop, ownPresenceWhen, waitForPresence } from "./presence-events.test-support.ts";

// A tiny lease: one second of grace, a heartbeat every second.
describe("presence held by the desktop's connection", () => {
  let testServer: TestServer;
  let admin: TestClient;
  let adminSocket: TestSocket;
  let lunch: CustomStatus;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    testServer = await startTestServer({ config: { presenceGraceSeconds: 1, presenceHeartbeatSeconds: 1 } });
    const signedIn = await testServer.signedIn("admin");
    admin = signedIn.client;
    adminSocket = (await openDesktop(testServer.url, admin, signedIn.created.user.id)).socket;
    lunch = (await admin.post<CustomStatus>("/api/v1/custom-statuses", { name: "Lunch", pausesRouting: false })).body;
  });
  afterAll(async () => {
    for (const socket of [adminSocket, ...sockets]) {
      socket.disconnect();
    }
    await testServer.close();
  });

  it("makes an agent whose desktop went away unavailable after the grace, and a reconnect restores them as they were", async () => {
    const agent = await testServer.signedIn("agent");
    const agentId = agent.created.user.id;
    const first = await openDesktop(testServer.url, agent.client, agentId);
    await agent.client.request("PUT", "/api/v1/presence/me/status", { status: "custom", customStatusId: lunch.id });

    const lapsed = waitForPresence(adminSocket, agentId, (presence) => !presence.connected);
    first.socket.disconnect();
    expect(await lapsed).toMatchObject({ status: "custom", customStatus: lunch, connected: false });
    expect((await admin.get<Presence>(`/api/v1/presence/${agentId}`)).body.connected).toBe(false);

    const restored = waitForPresence(adminSocket, agentId, (presence) => presence.connected);
    const second = await connectSocket(testServer.url, { cookie: agent.client.cookie });
    sockets.push(second);
    expect(await restored).toMatchObject({ status: "custom", customStatus: lunch, connected: true });
  });

  it("treats a new sign-in after the desktop went away as a new start: ready, and paused with login in pause", async () => {
    const agent = await testServer.signedIn("agent");
    const agentId = agent.created.user.id;
    const first = await openDesktop(testServer.url, agent.client, agentId);
    await agent.client.request("PUT", "/api/v1/presence/me/status", { status: "custom", customStatusId: lunch.id });
    await admin.patch(`/api/v1/agents/${agentId}`, { loginInPause: true });
    const lapsed = waitForPresence(adminSocket, agentId, (presence) => !presence.connected);
    first.socket.disconnect();
    await lapsed;

    // The session ended overnight, say: the agent signs in again, in a new session.
    const nextMorning = new TestClient(testServer.url);
    expect((await nextMorning.signIn(agent.created.username, agent.created.password)).status).toBe(200);
    const { socket, presence } = await openDesktop(testServer.url, nextMorning, agentId);
    sockets.push(socket);
    expect(presence).toMatchObject({ status: "ready", customStatus: null, connected: true });
    expect(presence.pausedChannels.length).toBeGreaterThan(0);
  });

  it("keeps a connected desktop connected across heartbeats, and a second tab closing does not end it", async () => {
    const steady = await testServer.signedIn("agent");
    const steadyId = steady.created.user.id;
    const { socket } = await openDesktop(testServer.url, steady.client, steadyId);
    sockets.push(socket);
    const extraTab = await connectSocket(testServer.url, { cookie: steady.client.cookie });
    const steadyChanges = collectEvents(socket, "presence.changed");

    // Another agent's lease lapsing takes longer than the grace plus a heartbeat: time for the steady one's
    // lease to run out many times over had the heartbeats not renewed it.
    const leaving = await testServer.signedIn("agent");
    const leavingDesktop = await openDesktop(testServer.url, leaving.client, leaving.created.user.id);
    extraTab.disconnect();
    const lapsed = waitForPresence(adminSocket, leaving.created.user.id, (presence) => !presence.connected);
    leavingDesktop.socket.disconnect();
    await lapsed;
    const secondLapse = waitForPresence(adminSocket, leaving.created.user.id, (presence) => !presence.connected);
    const back = await connectSocket(testServer.url, { cookie: leaving.client.cookie });
    await ownPresenceWhen(back, leaving.client, leaving.created.user.id, (presence) => presence.connected);
    back.disconnect();
    await secondLapse;

    expect(steadyChanges.filter((payload) => !payload.presence.connected)).toEqual([]);
    expect((await steady.client.get<Presence>("/api/v1/presence/me")).body).toMatchObject({ status: "ready", connected: true });
  });
});
