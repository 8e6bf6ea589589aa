import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { Presence } from "../../../common/api/presence.ts";
import { insertEntryPoint, insertQueue } from "../../test/routing-factories.ts";
import type { TestSocket } from "../../test/socket-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";
import { openDesktop } from "./presence-events.test-support.ts";

// product.md, Presence: signing out with open interactions asks what to do with them.
describe("signing out with open interactions", () => {
  let testServer: TestServer;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    testServer = await startTestServer();
  });
  afterAll(async () => {
    for (const socket of sockets) {
      socket.disconnect();
    }
    await testServer.close();
  });

  /** A signed-in agent at their desktop who has accepted one chat from a queue of their own. */
  async function agentWithOpenChat() {
    const agent = await testServer.signedIn("agent");
    const agentId = agent.created.user.id;
    sockets.push((await openDesktop(testServer.url, agent.client, agentId)).socket);
    const { db } = testServer.database;
    const queueId = await insertQueue(db, { channel: "chat", members: [agentId] });
    const entryPointId = await insertEntryPoint(db, [queueId], "chat");
    const { routing } = testServer.server.services;
    const received = await routing.receiveMessage({ entryPointId, conversationId: randomUUID(), customerAddress: "visitor", body: "Hello?" });
    await routing.idle();
    await routing.acceptAs(agentId, received.interaction.id);
    return { ...agent, agentId, interactionId: received.interaction.id };
  }

  const stateOf = (interactionId: string) =>
    testServer.database.db.selectFrom("interactions").select(["state", "ownerId"]).where("id", "=", interactionId).executeTakeFirstOrThrow();

  it("asks what to do with them first, and keeps the agent signed in", async () => {
    const agent = await agentWithOpenChat();
    const refused = await agent.client.post<ErrorBody>("/api/v1/presence/me/sign-out", {});
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "open_interactions", details: { count: 1 } });
    expect((await agent.client.get<Presence>("/api/v1/presence/me")).body).toMatchObject({ status: "ready", connected: true });
    expect(await stateOf(agent.interactionId)).toEqual({ state: "active", ownerId: agent.agentId });
  });

  it("puts them back in the queue when asked to requeue", async () => {
    const agent = await agentWithOpenChat();
    const response = await agent.client.post("/api/v1/presence/me/sign-out", { openInteractions: "requeue" });
    expect(response.status).toBe(204);
    const after = await stateOf(agent.interactionId);
    expect(after.ownerId).toBeNull();
    expect(["queued", "offered"]).toContain(after.state);
    expect((await agent.client.get("/api/v1/auth/me")).status).toBe(401);
  });

  it("closes them when asked to close", async () => {
    const agent = await agentWithOpenChat();
    const response = await agent.client.post("/api/v1/presence/me/sign-out", { openInteractions: "close" });
    expect(response.status).toBe(204);
    expect((await stateOf(agent.interactionId)).state).toBe("closed");
    const presence = await testServer.server.services.presence.get(agent.agentId);
    expect(presence).toMatchObject({ status: "offline", connected: false });
  });

  it("refuses a choice it does not know", async () => {
    const agent = await agentWithOpenChat();
    const refused = await agent.client.post<ErrorBody>("/api/v1/presence/me/sign-out", { openInteractions: "transfer" });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ field: "openInteractions" })]);
  });
});
