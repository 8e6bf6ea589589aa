import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../../common/api/audit.ts";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { AgentLicences } from "../../../common/api/licences.ts";
import type { Page } from "../../../common/api/pagination.ts";
import { addToNewTeam, createQueueWithMembers } from "../../test/channels-factories.ts";
import { createUser } from "../../test/factories.ts";
import { connectSocket, nextEvent } from "../../test/socket-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";

describe("an agent's licences and Moments self-service", () => {
  let testServer: TestServer;

  beforeAll(async () => {
    testServer = await startTestServer();
  });
  afterAll(async () => {
    await testServer.close();
  });

  it("starts with both licences off, so self-service is off for want of the Moments licence", async () => {
    const { client } = await testServer.signedIn("admin");
    const agent = await createUser(testServer.server.services, "agent");
    const response = await client.get<AgentLicences>(`/api/v1/agents/${agent.user.id}/licences`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      agentId: agent.user.id,
      moments: false,
      administration: false,
      momentsSelfService: { allowed: false, reasons: [{ code: "moments_licence_off", message: "The Moments licence is off." }] },
    });
  });

  it("allows self-service for a member of every team with Moments on and Administration off", async () => {
    const admin = await testServer.signedIn("admin");
    const agent = await testServer.signedIn("agent");
    const agentId = agent.created.user.id;
    await addToNewTeam(testServer.database.db, agentId, "member");
    await addToNewTeam(testServer.database.db, agentId, "member");
    const socket = await connectSocket(testServer.url, { cookie: agent.client.cookie });
    try {
      const event = nextEvent(socket, "agent.licences_changed");
      const updated = await admin.client.request<AgentLicences>("PUT", `/api/v1/agents/${agentId}/licences`, { moments: true });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ moments: true, administration: false, momentsSelfService: { allowed: true, reasons: [] } });
      expect((await event).licences).toEqual(updated.body);
    } finally {
      socket.disconnect();
    }

    const withAdministration = await admin.client.request<AgentLicences>("PUT", `/api/v1/agents/${agentId}/licences`, { administration: true });
    expect(withAdministration.body.momentsSelfService).toEqual({
      allowed: false,
      reasons: [{ code: "administration_licence_on", message: "The Administration licence is on." }],
    });
    const log = await admin.client.get<Page<AuditEntry>>(`/api/v1/audit?action=agent.licences_updated&entityId=${agentId}`);
    expect(log.body.items[0]).toMatchObject({ before: { moments: true, administration: false }, after: { moments: true, administration: true } });
  });

  it("turns self-service off while the agent is a supervisor on any of their teams", async () => {
    const { client } = await testServer.signedIn("admin");
    const agent = await createUser(testServer.server.services, "agent");
    await client.request("PUT", `/api/v1/agents/${agent.user.id}/licences`, { moments: true });
    await addToNewTeam(testServer.database.db, agent.user.id, "member");
    const teamId = await addToNewTeam(testServer.database.db, agent.user.id, "supervisor");

    const asSupervisor = await client.get<AgentLicences>(`/api/v1/agents/${agent.user.id}/licences`);
    expect(asSupervisor.body.momentsSelfService.reasons.map((reason) => reason.code)).toEqual(["not_member_on_every_team"]);

    await testServer.database.db.updateTable("teamMembers").set({ role: "member" }).where("teamId", "=", teamId).execute();
    expect((await client.get<AgentLicences>(`/api/v1/agents/${agent.user.id}/licences`)).body.momentsSelfService.allowed).toBe(true);
  });

  it("names the field of a refused value and keeps supervisors to their agents", async () => {
    const admin = await testServer.signedIn("admin");
    const supervisor = await testServer.signedIn("supervisor");
    const ownAgent = await createUser(testServer.server.services, "agent");
    const otherAgent = await createUser(testServer.server.services, "agent");
    await createQueueWithMembers(testServer.database.db, [supervisor.created.user.id, ownAgent.user.id]);

    const refused = await admin.client.request<ErrorBody>("PUT", `/api/v1/agents/${ownAgent.user.id}/licences`, { moments: "on" });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^moments: true or false/);

    expect((await supervisor.client.request("PUT", `/api/v1/agents/${ownAgent.user.id}/licences`, { moments: true })).status).toBe(200);
    expect((await supervisor.client.get(`/api/v1/agents/${otherAgent.user.id}/licences`)).status).toBe(404);
    expect((await supervisor.client.request("PUT", `/api/v1/agents/${otherAgent.user.id}/licences`, { moments: true })).status).toBe(404);
  });
});
