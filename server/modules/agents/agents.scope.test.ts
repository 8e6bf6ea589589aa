import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Agent, AgentSummary } from "../../../common/api/agents.ts";
import type { AuditEntry } from "../../../common/api/audit.ts";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { Page } from "../../../common/api/pagination.ts";
import { addToQueue, createAgent, insertQueue, newAgentRequest } from "../../test/agent-factories.ts";
import { TestClient } from "../../test/http-client.ts";
import { connectSocket, nextEvent } from "../../test/socket-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";

describe("agents API: supervisor scope, access, audit and real-time events", () => {
  let testServer: TestServer;
  let admin: TestClient;
  let supervisor: TestClient;
  let shared: Agent;
  let elsewhere: Agent;
  let unqueued: Agent;
  let supervisedQueue: string;

  const exportAs = async (client: TestClient, query: string) =>
    fetch(`${testServer.url}/api/v1/agents/export.csv?${query}`, { headers: { cookie: client.cookie ?? "" } });

  beforeAll(async () => {
    testServer = await startTestServer();
    const db = testServer.database.db;
    admin = (await testServer.signedIn("admin")).client;
    const signedInSupervisor = await testServer.signedIn("supervisor");
    supervisor = signedInSupervisor.client;
    [shared, elsewhere, unqueued] = [await createAgent(admin), await createAgent(admin), await createAgent(admin)];
    supervisedQueue = await insertQueue(db);
    const otherQueue = await insertQueue(db, "chat");
    await addToQueue(db, supervisedQueue, signedInSupervisor.created.user.id, shared.id);
    await addToQueue(db, otherQueue, elsewhere.id);
  });
  afterAll(async () => {
    await testServer.close();
  });

  it("lists for a supervisor only the agents who share a queue with them; an admin sees all", async () => {
    const supervisorPage = await supervisor.get<Page<AgentSummary>>("/api/v1/agents");
    expect(supervisorPage.body.items.map((agent) => agent.id)).toEqual([shared.id]);
    expect(supervisorPage.body.total).toBe(1);
    const adminPage = await admin.get<Page<AgentSummary>>("/api/v1/agents");
    expect(adminPage.body.items.map((agent) => agent.id)).toEqual(expect.arrayContaining([shared.id, elsewhere.id, unqueued.id]));
  });

  it("reads and updates an agent of the supervisor's queues; any other agent is not found", async () => {
    expect((await supervisor.get<Agent>(`/api/v1/agents/${shared.id}`)).body.id).toBe(shared.id);
    const updated = await supervisor.patch<Agent>(`/api/v1/agents/${shared.id}`, { alias: "Front desk" });
    expect(updated.body.alias).toBe("Front desk");
    for (const outside of [elsewhere, unqueued]) {
      const read = await supervisor.get<ErrorBody>(`/api/v1/agents/${outside.id}`);
      expect(read.status).toBe(404);
      expect(read.body.error.code).toBe("agent_not_found");
      expect((await supervisor.patch(`/api/v1/agents/${outside.id}`, { alias: "Hijacked" })).status).toBe(404);
      expect((await supervisor.request("PUT", `/api/v1/agents/${outside.id}/password`, { password: "Taken-over-1" })).status).toBe(404);
    }
    expect((await admin.get<Agent>(`/api/v1/agents/${elsewhere.id}`)).body.alias).toBeNull();
  });

  it("exports for a supervisor only the agents of their queues", async () => {
    const all = await exportAs(supervisor, "");
    const usernames = (await all.text()).trim().split("\r\n").slice(1).map((line) => line.split(",")[0]);
    expect(usernames).toEqual([shared.username]);
    expect((await exportAs(supervisor, `agentIds=${shared.id},${elsewhere.id}`)).status).toBe(404);
    expect((await exportAs(admin, `agentIds=${shared.id},${elsewhere.id}`)).status).toBe(200);
  });

  it("deletes for a supervisor only agents of their queues, and nothing when the selection strays outside", async () => {
    const [mine, alsoMine] = [await createAgent(admin), await createAgent(admin)];
    await addToQueue(testServer.database.db, supervisedQueue, mine.id, alsoMine.id);
    const mixed = await supervisor.post("/api/v1/agents/delete", { agentIds: [shared.id, elsewhere.id] });
    expect(mixed.status).toBe(404);
    expect((await supervisor.delete(`/api/v1/agents/${elsewhere.id}`)).status).toBe(404);
    expect((await admin.get(`/api/v1/agents/${elsewhere.id}`)).status).toBe(200);
    expect((await supervisor.get(`/api/v1/agents/${shared.id}`)).status).toBe(200);
    expect((await supervisor.post("/api/v1/agents/delete", { agentIds: [mine.id, elsewhere.id] })).status).toBe(404);
    expect((await admin.get(`/api/v1/agents/${mine.id}`)).status).toBe(200);
    expect((await supervisor.delete(`/api/v1/agents/${mine.id}`)).status).toBe(204);
    expect((await supervisor.post("/api/v1/agents/delete", { agentIds: [alsoMine.id] })).body).toEqual({ deleted: 1 });
    expect((await admin.get(`/api/v1/agents/${alsoMine.id}`)).status).toBe(404);
  });

  it("refuses agents on every agents route, and supervisors on create", async () => {
    const agentClient = (await testServer.signedIn("agent")).client;
    for (const [method, path] of [
      ["GET", "/api/v1/agents"],
      ["GET", `/api/v1/agents/${shared.id}`],
      ["GET", "/api/v1/agents/export.csv"],
      ["PATCH", `/api/v1/agents/${shared.id}`],
      ["DELETE", `/api/v1/agents/${shared.id}`],
    ] as const) {
      const response = await agentClient.request<ErrorBody>(method, path, method === "PATCH" ? { alias: "x" } : undefined);
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    expect((await supervisor.post("/api/v1/agents", newAgentRequest())).status).toBe(403);
  });

  it("records each change in the audit log, before and after, without secrets", async () => {
    const agent = await createAgent(admin, { fullName: "Audrey Audit" });
    await admin.patch(`/api/v1/agents/${agent.id}`, { fullName: "Audrey Audited", voiceSettings: { chanspy: true } });
    await admin.request("PUT", `/api/v1/agents/${agent.id}/password`, { password: "Another-password-3" });
    await admin.delete(`/api/v1/agents/${agent.id}`);

    const log = await admin.get<Page<AuditEntry>>(`/api/v1/audit?entityType=agent&entityId=${agent.id}`);
    expect(log.body.items.map((entry) => entry.action)).toEqual(["agent.deleted", "agent.password_changed", "agent.updated", "agent.created"]);
    const [deleted, passwordChanged, updated, created] = log.body.items;
    expect(updated).toMatchObject({
      summary: `Updated agent ${agent.username} (Audrey Audited)`,
      before: { fullName: "Audrey Audit", voiceSettings: expect.objectContaining({ chanspy: false }) },
      after: { fullName: "Audrey Audited", voiceSettings: expect.objectContaining({ chanspy: true }) },
    });
    expect(Object.keys(updated?.after as object).sort()).toEqual(["fullName", "voiceSettings"]);
    expect(created?.after).toMatchObject({ username: agent.username, extension: agent.extension });
    expect(deleted?.before).toMatchObject({ username: agent.username });
    for (const entry of [deleted, passwordChanged, updated, created]) {
      expect(JSON.stringify(entry)).not.toMatch(/password"|passwordHash|Another-password/);
    }
  });

  it("publishes agent.created, agent.updated and agent.deleted to the admins and to the agent", async () => {
    const adminSocket = await connectSocket(testServer.url, { cookie: admin.cookie });
    try {
      const createdEvent = nextEvent(adminSocket, "agent.created");
      const request = newAgentRequest();
      const agent = await createAgent(admin, request);
      expect((await createdEvent).agent).toMatchObject({ id: agent.id, username: agent.username });

      const agentClient = new TestClient(testServer.url);
      await agentClient.signIn(request.username, request.password);
      const agentSocket = await connectSocket(testServer.url, { cookie: agentClient.cookie });
      try {
        const toAdmins = nextEvent(adminSocket, "agent.updated");
        const toAgent = nextEvent(agentSocket, "agent.updated");
        await admin.patch(`/api/v1/agents/${agent.id}`, { extension: "7777" });
        expect((await toAdmins).agent).toMatchObject({ id: agent.id, extension: "7777" });
        expect((await toAgent).agent.extension).toBe("7777");
      } finally {
        agentSocket.close();
      }
      const deletedEvent = nextEvent(adminSocket, "agent.deleted");
      await admin.delete(`/api/v1/agents/${agent.id}`);
      expect(await deletedEvent).toEqual({ agentId: agent.id });
    } finally {
      adminSocket.close();
    }
  });
});
