import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { CustomStatus, Presence } from "../../../common/api/presence.ts";
import { CHANNELS } from "../../../common/domain/channels.ts";
import { createQueueWithMembers } from "../../test/channels-factories.ts";
import type { TestClient } from "../../test/http-client.ts";
import { nextEvent, type TestSocket } from "../../test/socket-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";
import { openDesktop, waitForEvent, waitForPresence } from "./presence-events.test-support.ts";

describe("presence", () => {
  let testServer: TestServer;
  let admin: TestClient;
  let breakStatus: CustomStatus;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    testServer = await startTestServer();
    admin = (await testServer.signedIn("admin")).client;
    breakStatus = (await admin.post<CustomStatus>("/api/v1/custom-statuses", { name: "Break", pausesRouting: true })).body;
  });
  afterAll(async () => {
    for (const socket of sockets) {
      socket.disconnect();
    }
    await testServer.close();
  });

  const put = <Body>(client: TestClient, path: string, body: unknown) => client.request<Body>("PUT", path, body);
  /** A fresh agent whose desktop is open. */
  const agentAtDesktop = async () => {
    const agent = await testServer.signedIn("agent");
    const { socket, presence } = await openDesktop(testServer.url, agent.client, agent.created.user.id);
    sockets.push(socket);
    return { ...agent, id: agent.created.user.id, socket, presence };
  };

  it("is offline and not connected before the desktop first opens", async () => {
    const { client, created } = await testServer.signedIn("agent");
    const response = await client.get<Presence>("/api/v1/presence/me");
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ agentId: created.user.id, status: "offline", customStatus: null, connected: false, pausedChannels: [] });
  });

  it("signs the agent in as ready when the desktop connects, and tells supervisors and admins", async () => {
    const supervisor = await testServer.signedIn("supervisor");
    const supervisorSocket = (await openDesktop(testServer.url, supervisor.client, supervisor.created.user.id)).socket;
    sockets.push(supervisorSocket);
    const agent = await testServer.signedIn("agent");
    const seen = waitForEvent(supervisorSocket, "presence.changed", ({ presence }) => presence.agentId === agent.created.user.id);

    const { socket, presence } = await openDesktop(testServer.url, agent.client, agent.created.user.id);
    sockets.push(socket);
    expect(presence).toMatchObject({ status: "ready", connected: true, pausedChannels: [] });
    expect((await seen).presence).toMatchObject({ status: "ready", connected: true });
  });

  it("sets a custom status and back to ready, pushing each change to the agent's desktop", async () => {
    const agent = await agentAtDesktop();
    const pushed = waitForPresence(agent.socket, agent.id, (presence) => presence.status === "custom");
    const onBreak = await put<Presence>(agent.client, "/api/v1/presence/me/status", { status: "custom", customStatusId: breakStatus.id });
    expect(onBreak.status).toBe(200);
    expect(onBreak.body).toMatchObject({ status: "custom", customStatus: breakStatus, connected: true });
    expect(await pushed).toEqual(onBreak.body);

    const ready = await put<Presence>(agent.client, "/api/v1/presence/me/status", { status: "ready" });
    expect(ready.body).toMatchObject({ status: "ready", customStatus: null });
    expect(Date.parse(ready.body.statusSince)).toBeGreaterThanOrEqual(Date.parse(onBreak.body.statusSince));
  });

  it("refuses an unknown custom status, or none, naming customStatusId", async () => {
    const agent = await agentAtDesktop();
    const unknown = await put<ErrorBody>(agent.client, "/api/v1/presence/me/status", { status: "custom", customStatusId: randomUUID() });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ field: "customStatusId", message: expect.stringMatching(/^customStatusId: /) as unknown }]);
    const missing = await put<ErrorBody>(agent.client, "/api/v1/presence/me/status", { status: "custom" });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details).toEqual([expect.objectContaining({ field: "customStatusId" })]);
    expect((await put<ErrorBody>(agent.client, "/api/v1/presence/me/status", { status: "on-call" })).status).toBe(400);
  });

  it("refuses a status change on a call, and returns to the status before the call when it ends", async () => {
    const agent = await agentAtDesktop();
    await put(agent.client, "/api/v1/presence/me/status", { status: "custom", customStatusId: breakStatus.id });
    const onCall = await testServer.server.services.presence.enterCall(agent.id);
    expect(onCall).toMatchObject({ status: "on-call", customStatus: null });

    const refused = await put<ErrorBody>(agent.client, "/api/v1/presence/me/status", { status: "ready" });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("on_call");

    const pushed = waitForPresence(agent.socket, agent.id, (presence) => presence.status !== "on-call");
    const after = await testServer.server.services.presence.leaveCall(agent.id);
    expect(after).toMatchObject({ status: "custom", customStatus: breakStatus });
    expect(await pushed).toEqual(after);
  });

  it("starts an agent with login in pause paused on every channel", async () => {
    const agent = await testServer.signedIn("agent");
    const updated = await admin.patch(`/api/v1/agents/${agent.created.user.id}`, { loginInPause: true });
    expect(updated.status).toBe(200);

    const { socket, presence } = await openDesktop(testServer.url, agent.client, agent.created.user.id);
    sockets.push(socket);
    expect(presence).toMatchObject({ status: "ready", connected: true, pausedChannels: [...CHANNELS] });
    const channels = await admin.get<{ items: { channel: string; effective: { paused: { value: boolean } } }[] }>(`/api/v1/agents/${agent.created.user.id}/channels`);
    expect(channels.body.items.every((item) => item.effective.paused.value)).toBe(true);
  });

  it("pauses one channel, then unpauses every channel, telling the agent's desktop", async () => {
    const agent = await agentAtDesktop();
    const channelsPushed = nextEvent(agent.socket, "agent.channels_changed");
    const presencePushed = waitForPresence(agent.socket, agent.id, (presence) => presence.pausedChannels.length > 0);

    const paused = await put<Presence>(agent.client, "/api/v1/presence/me/channels/chat/pause", { paused: true });
    expect(paused.status).toBe(200);
    expect(paused.body.pausedChannels).toEqual(["chat"]);
    const channels = (await channelsPushed).channels;
    expect(channels.items.find((item) => item.channel === "chat")?.effective.paused).toEqual({ value: true, source: "agent" });
    expect(channels.items.find((item) => item.channel === "sms")?.effective.paused.value).toBe(false);
    expect((await presencePushed).pausedChannels).toEqual(["chat"]);

    await put(agent.client, "/api/v1/presence/me/channels/pause", { paused: true });
    expect((await agent.client.get<Presence>("/api/v1/presence/me")).body.pausedChannels).toEqual([...CHANNELS]);
    const unpaused = await put<Presence>(agent.client, "/api/v1/presence/me/channels/pause", { paused: false });
    expect(unpaused.body.pausedChannels).toEqual([]);
  });

  it("refuses to pause a channel the account does not have", async () => {
    const agent = await agentAtDesktop();
    const refused = await put<ErrorBody>(agent.client, "/api/v1/presence/me/channels/fax/pause", { paused: true });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("channel_not_enabled");
  });

  it("shows an agent's presence to admins and to supervisors who share a queue, and to no one else", async () => {
    const agent = await agentAtDesktop();
    const insider = await testServer.signedIn("supervisor");
    const outsider = await testServer.signedIn("supervisor");
    await createQueueWithMembers(testServer.database.db, [agent.id, insider.created.user.id]);

    expect((await admin.get<Presence>(`/api/v1/presence/${agent.id}`)).body).toMatchObject({ agentId: agent.id, status: "ready" });
    expect((await insider.client.get<Presence>(`/api/v1/presence/${agent.id}`)).body).toMatchObject({ agentId: agent.id, connected: true });
    const hidden = await outsider.client.get<ErrorBody>(`/api/v1/presence/${agent.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe("agent_not_found");
    expect((await agent.client.get(`/api/v1/presence/${agent.id}`)).status).toBe(403);
  });

  it("signs out: offline, without a connection, and the session ends", async () => {
    const agent = await agentAtDesktop();
    const ended = nextEvent(agent.socket, "session.ended");
    const signedOut = await agent.client.post("/api/v1/presence/me/sign-out", {});
    expect(signedOut.status).toBe(204);
    expect(await ended).toEqual({ reason: "signed_out" });
    expect(agent.client.cookie).toBeUndefined();
    expect((await agent.client.get("/api/v1/auth/me")).status).toBe(401);
    expect((await admin.get<Presence>(`/api/v1/presence/${agent.id}`)).body).toMatchObject({ status: "offline", connected: false });
  });
});
