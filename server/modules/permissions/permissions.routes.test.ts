import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../../common/api/audit.ts";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { Page } from "../../../common/api/pagination.ts";
import type { AgentPermissions } from "../../../common/api/permissions.ts";
import { MODULES } from "../../../common/domain/modules.ts";
import { createQueueWithMembers } from "../../test/channels-factories.ts";
import { createUser } from "../../test/factories.ts";
import { TestClient } from "../../test/http-client.ts";
import { connectSocket, nextEvent } from "../../test/socket-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";

describe("an agent's permissions and modules", () => {
  let testServer: TestServer;

  beforeAll(async () => {
    testServer = await startTestServer();
  });
  afterAll(async () => {
    await testServer.close();
  });

  it("gives a new agent every module and the default flags", async () => {
    const admin = await testServer.signedIn("admin");
    const agent = await testServer.signedIn("agent");
    const byAdmin = await admin.client.get<AgentPermissions>(`/api/v1/agents/${agent.created.user.id}/permissions`);
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body).toEqual({
      internalMessenger: true,
      messengerSound: true,
      prefixRequired: false,
      selectRecallMeCampaign: false,
      rescheduleCalls: false,
      downloads: { attachments: true, interactions: false, recordings: false },
      modules: Object.fromEntries(MODULES.map((module) => [module, true])),
    });
    expect((await agent.client.get<AgentPermissions>("/api/v1/me/permissions")).body).toEqual(byAdmin.body);
  });

  it("changes only the fields sent, audits the change and pushes it to the agent", async () => {
    const admin = await testServer.signedIn("admin");
    const agent = await testServer.signedIn("agent");
    const agentId = agent.created.user.id;
    const socket = await connectSocket(testServer.url, { cookie: agent.client.cookie });
    try {
      const event = nextEvent(socket, "agent.permissions_changed");
      const updated = await admin.client.request<AgentPermissions>("PUT", `/api/v1/agents/${agentId}/permissions`, {
        rescheduleCalls: true,
        downloads: { recordings: true },
        modules: { reports: false },
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({
        internalMessenger: true,
        rescheduleCalls: true,
        downloads: { attachments: true, interactions: false, recordings: true },
        modules: { reports: false, inbox: true, apiTokens: true },
      });
      expect(await event).toEqual({ agentId, permissions: updated.body });
    } finally {
      socket.disconnect();
    }
    const log = await admin.client.get<Page<AuditEntry>>(`/api/v1/audit?action=agent.permissions_updated&entityId=${agentId}`);
    expect(log.body.items[0]).toMatchObject({ before: { rescheduleCalls: false, modules: { reports: true } }, after: { rescheduleCalls: true, modules: { reports: false } } });
  });

  it("refuses an agent the API of a module turned off for them, at once, and lets them back when it is on", async () => {
    const admin = await testServer.signedIn("admin");
    const agent = await testServer.signedIn("agent");
    const agentId = agent.created.user.id;
    const created = await agent.client.post<{ secret: string }>("/api/v1/auth/tokens", { name: "crm" });
    expect(created.status).toBe(201);
    const viaToken = TestClient.withToken(testServer.url, created.body.secret);

    await admin.client.request("PUT", `/api/v1/agents/${agentId}/permissions`, { modules: { apiTokens: false } });

    for (const client of [agent.client, viaToken]) {
      const listed = await client.get<ErrorBody>("/api/v1/auth/tokens");
      expect(listed.status).toBe(403);
      expect(listed.body.error.code).toBe("module_disabled");
      expect(listed.body.error.message).toMatch(/API tokens is turned off/);
    }
    expect((await agent.client.post<ErrorBody>("/api/v1/auth/tokens", { name: "another" })).body.error.code).toBe("module_disabled");
    // Other modules and the rest of the API still answer.
    expect((await agent.client.get("/api/v1/auth/me")).status).toBe(200);
    const own = await agent.client.get<AgentPermissions>("/api/v1/me/permissions");
    expect(own.body.modules).toMatchObject({ apiTokens: false, inbox: true });

    await admin.client.request("PUT", `/api/v1/agents/${agentId}/permissions`, { modules: { apiTokens: true } });
    expect((await agent.client.get("/api/v1/auth/tokens")).status).toBe(200);
  });

  it("never holds admins and supervisors to module switches", async () => {
    const supervisor = await testServer.signedIn("supervisor");
    await testServer.database.db
      .updateTable("users")
      .set({ permissions: JSON.stringify({ modules: { apiTokens: false } }) })
      .where("id", "=", supervisor.created.user.id)
      .execute();
    expect((await supervisor.client.get("/api/v1/auth/tokens")).status).toBe(200);
  });

  it("names the field of a refused value", async () => {
    const admin = await testServer.signedIn("admin");
    const agent = await createUser(testServer.server.services, "agent");
    const cases: [unknown, RegExp][] = [
      [{ internalMessenger: "yes" }, /^internalMessenger: true or false/],
      [{ downloads: { recordings: 1 } }, /^downloads.recordings: true or false/],
      [{ downloads: true }, /^downloads: /],
      [{ modules: { teleport: false } }, /^modules/],
      [{ modules: { inbox: "off" } }, /^modules.inbox: true or false/],
    ];
    for (const [body, message] of cases) {
      const response = await admin.client.request<ErrorBody>("PUT", `/api/v1/agents/${agent.user.id}/permissions`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.message, JSON.stringify(body)).toMatch(message);
    }
  });

  it("lets a supervisor change only the agents of their queues", async () => {
    const supervisor = await testServer.signedIn("supervisor");
    const ownAgent = await createUser(testServer.server.services, "agent");
    const otherAgent = await createUser(testServer.server.services, "agent");
    await createQueueWithMembers(testServer.database.db, [supervisor.created.user.id, ownAgent.user.id], "sms");
    expect((await supervisor.client.request("PUT", `/api/v1/agents/${ownAgent.user.id}/permissions`, { prefixRequired: true })).status).toBe(200);
    expect((await supervisor.client.get(`/api/v1/agents/${otherAgent.user.id}/permissions`)).status).toBe(404);
    expect((await supervisor.client.request("PUT", `/api/v1/agents/${otherAgent.user.id}/permissions`, { prefixRequired: true })).status).toBe(404);
    const agent = await testServer.signedIn("agent");
    expect((await agent.client.request("PUT", `/api/v1/agents/${agent.created.user.id}/permissions`, { modules: { inbox: true } })).status).toBe(403);
  });
});
