import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreatedApiToken } from "../../common/api/auth.ts";
import { TestClient } from "../test/http-client.ts";
import { collectEvents, connectSocket, nextEvent, waitForDisconnect, type TestSocket } from "../test/socket-client.ts";
import { startTestServer, type TestServer } from "../test/test-server.ts";
import { presentUserSummary } from "../modules/users/users.presenter.ts";
import { teamRoom } from "./rooms.ts";

describe("real-time gateway", () => {
  let testServer: TestServer;
  const sockets: TestSocket[] = [];
  const track = (socket: TestSocket) => {
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    testServer = await startTestServer();
  });
  afterAll(async () => {
    for (const socket of sockets) {
      socket.disconnect();
    }
    await testServer.close();
  });

  it("refuses a connection without a session or token", async () => {
    await expect(connectSocket(testServer.url, {})).rejects.toThrow("unauthenticated");
    await expect(connectSocket(testServer.url, { cookie: "switchboard_session=forged" })).rejects.toThrow("unauthenticated");
    await expect(connectSocket(testServer.url, { token: "sbt_forged" })).rejects.toThrow("unauthenticated");
  });

  it("refuses a cookie-authenticated socket opened from another site", async () => {
    const { client } = await testServer.signedIn("agent");
    await expect(connectSocket(testServer.url, { cookie: client.cookie, origin: "https://evil.example" })).rejects.toThrow();
    const sameOrigin = track(await connectSocket(testServer.url, { cookie: client.cookie, origin: testServer.url }));
    expect(sameOrigin.connected).toBe(true);
  });

  it("delivers an event to the rooms it is for and no one else", async () => {
    const admin = await testServer.signedIn("admin");
    const agent = await testServer.signedIn("agent");
    const adminSocket = track(await connectSocket(testServer.url, { cookie: admin.client.cookie }));
    const agentSocket = track(await connectSocket(testServer.url, { cookie: agent.client.cookie }));
    const agentSaw = collectEvents(agentSocket, "settings.updated");

    const received = nextEvent(adminSocket, "settings.updated");
    expect((await admin.client.patch("/api/v1/settings/security", { lockoutThreshold: 4 })).status).toBe(200);
    expect(await received).toEqual({ security: { suiteEnabled: false, maskCharacters: 4, lockoutThreshold: 4 } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(agentSaw).toEqual([]);
  });

  it("authenticates an integration's socket by API token, in its user's room", async () => {
    const supervisor = await testServer.signedIn("supervisor");
    const { body } = await supervisor.client.post<CreatedApiToken>("/api/v1/auth/tokens", { name: "wallboard" });
    const socket = track(await connectSocket(testServer.url, { token: body.secret }));
    const updated = nextEvent(socket, "user.updated");
    await testServer.server.services.users.unlock(supervisor.created.user.id);
    expect((await updated).user).toMatchObject({ id: supervisor.created.user.id, locked: false });
  });

  it("joins every socket of a user to a team room on any process, and delivers to it", async () => {
    const agent = await testServer.signedIn("agent");
    const socket = track(await connectSocket(testServer.url, { cookie: agent.client.cookie }));
    testServer.server.gateway.joinRooms(agent.created.user.id, [teamRoom("team-1")]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const received = nextEvent(socket, "user.updated");
    testServer.server.services.events.publish("user.updated", { user: presentUserSummary(agent.created.user) }, { rooms: [teamRoom("team-1")] });
    expect((await received).user.id).toBe(agent.created.user.id);
  });

  it("ends the session's sockets on sign-out, and only that session's", async () => {
    const { client, created } = await testServer.signedIn("agent");
    const otherSession = new TestClient(testServer.url);
    await otherSession.signIn(created.username, created.password);
    const signingOut = track(await connectSocket(testServer.url, { cookie: client.cookie }));
    const staying = track(await connectSocket(testServer.url, { cookie: otherSession.cookie }));

    const ended = nextEvent(signingOut, "session.ended");
    const disconnected = waitForDisconnect(signingOut);
    expect((await client.post("/api/v1/auth/logout")).status).toBe(204);
    expect(await ended).toEqual({ reason: "signed_out" });
    expect(await disconnected).toBe("io server disconnect");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(staying.connected).toBe(true);
  });

  it("disconnects a user as soon as they are disabled", async () => {
    const { client, created } = await testServer.signedIn("agent");
    const socket = track(await connectSocket(testServer.url, { cookie: client.cookie }));
    const ended = nextEvent(socket, "session.ended");
    await testServer.server.services.users.setDisabled(created.user.id, true);
    expect(await ended).toEqual({ reason: "revoked" });
    await expect(connectSocket(testServer.url, { cookie: client.cookie })).rejects.toThrow("unauthenticated");
  });
});
