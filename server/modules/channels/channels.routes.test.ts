import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../../common/api/audit.ts";
import type { AgentChannels } from "../../../common/api/channels.ts";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { Page } from "../../../common/api/pagination.ts";
import { createQueueWithMembers } from "../../test/channels-factories.ts";
import { createUser } from "../../test/factories.ts";
import { connectSocket, nextEvent } from "../../test/socket-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";

describe("an agent's channels and capacity", () => {
  let testServer: TestServer;

  beforeAll(async () => {
    testServer = await startTestServer();
    const admin = await testServer.signedIn("admin");
    await admin.client.patch("/api/v1/settings/channels", { defaultCapacity: { chat: 3 }, maxOpenTabs: 6 });
    await admin.client.patch("/api/v1/settings/account", { enabledChannels: ["whatsapp"] });
  });
  afterAll(async () => {
    await testServer.close();
  });

  const channelOf = (channels: AgentChannels, channel: string) => channels.items.find((item) => item.channel === channel);

  it("lists the account's channels with the global defaults as the effective values", async () => {
    const { client } = await testServer.signedIn("admin");
    const agent = await createUser(testServer.server.services, "agent");
    const response = await client.get<AgentChannels>(`/api/v1/agents/${agent.user.id}/channels`);
    expect(response.status).toBe(200);
    expect(response.body.items.map((item) => item.channel)).toEqual(["voice", "chat", "sms", "whatsapp"]);
    expect(response.body.maxOpenTabs).toBe(6);
    expect(channelOf(response.body, "chat")).toEqual({
      channel: "chat",
      stored: null,
      defaultCapacity: 3,
      effective: {
        enabled: { value: true, source: "global" },
        capacity: { value: 3, source: "global" },
        autoAnswerDelaySeconds: { value: null, source: "global" },
        paused: { value: false, source: "global" },
      },
    });
    expect(channelOf(response.body, "voice")?.effective.capacity).toEqual({ value: 1, source: "global" });
  });

  it("overrides the capacity for one agent, shows its source, and tells the agent's desktop", async () => {
    const { client } = await testServer.signedIn("admin");
    const agent = await testServer.signedIn("agent");
    const agentId = agent.created.user.id;
    const socket = await connectSocket(testServer.url, { cookie: agent.client.cookie });
    try {
      const event = nextEvent(socket, "agent.channels_changed");
      const saved = await client.request<AgentChannels>("PUT", `/api/v1/agents/${agentId}/channels/chat`, { capacity: 5, autoAnswerDelaySeconds: 3 });
      expect(saved.status).toBe(200);
      expect(channelOf(saved.body, "chat")).toMatchObject({
        stored: { enabled: true, capacity: 5, autoAnswerDelaySeconds: 3, paused: false },
        effective: { capacity: { value: 5, source: "agent" }, autoAnswerDelaySeconds: { value: 3, source: "agent" } },
      });
      expect((await event).channels).toEqual(saved.body);
    } finally {
      socket.disconnect();
    }
    // Fields left out keep their value; an empty capacity goes back to the global default.
    const paused = await client.request<AgentChannels>("PUT", `/api/v1/agents/${agentId}/channels/chat`, { paused: true, capacity: null });
    expect(channelOf(paused.body, "chat")).toMatchObject({
      stored: { capacity: null, autoAnswerDelaySeconds: 3, paused: true },
      effective: { capacity: { value: 3, source: "global" }, paused: { value: true, source: "agent" } },
    });
    const log = await client.get<Page<AuditEntry>>(`/api/v1/audit?action=agent.channel_updated&entityId=${agentId}`);
    expect(log.body.items.map((entry) => entry.after)).toEqual([
      expect.objectContaining({ capacity: null, paused: true }),
      expect.objectContaining({ capacity: 5, paused: false }),
    ]);
    expect(log.body.items[1]?.before).toBeNull();
  });

  it("turns a channel off for the agent", async () => {
    const { client } = await testServer.signedIn("admin");
    const agent = await createUser(testServer.server.services, "agent");
    const saved = await client.request<AgentChannels>("PUT", `/api/v1/agents/${agent.user.id}/channels/whatsapp`, { enabled: false });
    expect(channelOf(saved.body, "whatsapp")?.effective.enabled).toEqual({ value: false, source: "agent" });
    expect(channelOf(saved.body, "voice")?.stored).toBeNull();
  });

  it("refuses a capacity outside 1..50, a bad delay and a channel the account does not have, naming the field", async () => {
    const { client } = await testServer.signedIn("admin");
    const agent = await createUser(testServer.server.services, "agent");
    const path = `/api/v1/agents/${agent.user.id}/channels`;
    const cases: [string, unknown, RegExp][] = [
      ["chat", { capacity: 0 }, /^capacity: at least 1/],
      ["chat", { capacity: 51 }, /^capacity: at most 50/],
      ["chat", { capacity: 2.5 }, /^capacity: /],
      ["chat", { capacity: "4" }, /^capacity: /],
      ["chat", { autoAnswerDelaySeconds: -1 }, /^autoAnswerDelaySeconds: /],
      ["chat", { autoAnswerDelaySeconds: 601 }, /^autoAnswerDelaySeconds: at most 600/],
      ["chat", { enabled: "no" }, /^enabled: /],
      ["pigeon", { capacity: 2 }, /^channel: /],
      ["fax", { capacity: 2 }, /^channel: fax is not enabled/],
    ];
    for (const [channel, body, message] of cases) {
      const response = await client.request<ErrorBody>("PUT", `${path}/${channel}`, body);
      expect(response.status, `${channel} ${JSON.stringify(body)}`).toBe(400);
      expect(response.body.error.message, `${channel} ${JSON.stringify(body)}`).toMatch(message);
    }
    expect((await client.get<AgentChannels>(path)).body.items.every((item) => item.stored === null)).toBe(true);
  });

  it("lets a supervisor manage only the agents who share a queue with them", async () => {
    const supervisor = await testServer.signedIn("supervisor");
    const ownAgent = await createUser(testServer.server.services, "agent");
    const otherAgent = await createUser(testServer.server.services, "agent");
    await createQueueWithMembers(testServer.database.db, [supervisor.created.user.id, ownAgent.user.id]);
    await createQueueWithMembers(testServer.database.db, [otherAgent.user.id]);

    expect((await supervisor.client.get(`/api/v1/agents/${ownAgent.user.id}/channels`)).status).toBe(200);
    expect((await supervisor.client.request("PUT", `/api/v1/agents/${ownAgent.user.id}/channels/sms`, { capacity: 2 })).status).toBe(200);

    const read = await supervisor.client.get<ErrorBody>(`/api/v1/agents/${otherAgent.user.id}/channels`);
    expect(read.status).toBe(404);
    expect(read.body.error.code).toBe("agent_not_found");
    expect((await supervisor.client.request("PUT", `/api/v1/agents/${otherAgent.user.id}/channels/sms`, { capacity: 2 })).status).toBe(404);
    // Not an agent at all: as absent as an unknown id.
    const admin = await testServer.signedIn("admin");
    expect((await admin.client.get(`/api/v1/agents/${supervisor.created.user.id}/channels`)).status).toBe(404);
  });

  it("keeps an agent out of channel settings", async () => {
    const agent = await testServer.signedIn("agent");
    expect((await agent.client.get(`/api/v1/agents/${agent.created.user.id}/channels`)).status).toBe(403);
  });
});
