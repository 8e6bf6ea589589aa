import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../../common/api/audit.ts";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { AgentMemberships } from "../../../common/api/groups.ts";
import type { Page } from "../../../common/api/pagination.ts";
import type { Team, TeamMember } from "../../../common/api/teams.ts";
import { createUser } from "../../test/factories.ts";
import { createTeam, uniqueName } from "../../test/group-factories.ts";
import type { TestClient } from "../../test/http-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

describe("teams", () => {
  let testServer: TestServer;
  let admin: TestClient;

  beforeAll(async () => {
    testServer = await startTestServer();
    admin = (await testServer.signedIn("admin")).client;
  });
  afterAll(async () => {
    await testServer.close();
  });

  const agent = async () => (await createUser(testServer.server.services, "agent")).user;

  it("creates, reads, renames and deletes a team, auditing each change", async () => {
    const name = uniqueName("Sales");
    const created = await admin.post<Team>("/api/v1/teams", { name, description: "Inbound sales" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name, description: "Inbound sales", memberCount: 0, supervisorCount: 0 });

    const read = await admin.get<Team>(`/api/v1/teams/${created.body.id}`);
    expect(read.body).toEqual(created.body);

    const renamed = await admin.patch<Team>(`/api/v1/teams/${created.body.id}`, { name: `${name} EMEA`, description: "" });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: `${name} EMEA`, description: null });

    expect((await admin.delete(`/api/v1/teams/${created.body.id}`)).status).toBe(204);
    expect((await admin.get<ErrorBody>(`/api/v1/teams/${created.body.id}`)).body.error.code).toBe("team_not_found");

    const audit = await admin.get<Page<AuditEntry>>(`/api/v1/audit?entityType=team&entityId=${created.body.id}`);
    expect(audit.body.items.map((entry) => entry.action)).toEqual(["team.deleted", "team.updated", "team.created"]);
    expect(audit.body.items[1]).toMatchObject({ before: { name, description: "Inbound sales" }, after: { name: `${name} EMEA`, description: null } });
  });

  it("lists teams by name with search and pages", async () => {
    const tag = uniqueName("Paging").replace(" ", "-");
    for (const letter of ["C", "a", "B"]) {
      await createTeam(admin, `${tag} ${letter}`);
    }
    const first = await admin.get<Page<Team>>(`/api/v1/teams?search=${encodeURIComponent(tag.toUpperCase())}&pageSize=2`);
    expect(first.body.total).toBe(3);
    expect(first.body.items.map((team) => team.name)).toEqual([`${tag} a`, `${tag} B`]);
    const second = await admin.get<Page<Team>>(`/api/v1/teams?search=${encodeURIComponent(tag)}&pageSize=2&page=2`);
    expect(second.body.items.map((team) => team.name)).toEqual([`${tag} C`]);
    const literal = await admin.get<Page<Team>>(`/api/v1/teams?search=${encodeURIComponent("%")}`);
    expect(literal.body.total).toBe(0);
  });

  it("refuses a name already used, ignoring case, with a 409 naming the field", async () => {
    const existing = await createTeam(admin);
    const duplicate = await admin.post<ErrorBody>("/api/v1/teams", { name: existing.name.toUpperCase() });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({ code: "team_name_taken", message: expect.stringMatching(/^name: /) });

    const other = await createTeam(admin);
    const renamed = await admin.patch<ErrorBody>(`/api/v1/teams/${other.id}`, { name: ` ${existing.name.toLowerCase()} ` });
    expect(renamed.status).toBe(409);
    expect(renamed.body.error.code).toBe("team_name_taken");
  });

  it("answers bad input with a 400 naming the field", async () => {
    const cases: [string, unknown, string][] = [
      ["POST", {}, "name"],
      ["POST", { name: "   " }, "name"],
      ["POST", { name: "x".repeat(101) }, "name"],
      ["POST", { name: "Fine", description: "x".repeat(501) }, "description"],
    ];
    for (const [method, body, field] of cases) {
      const response = await admin.request<ErrorBody>(method, "/api/v1/teams", body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.message).toMatch(new RegExp(`^${field}: `));
    }
    expect((await admin.get<ErrorBody>("/api/v1/teams/not-a-uuid")).status).toBe(400);
    expect((await admin.get<ErrorBody>("/api/v1/teams?pageSize=500")).body.error.message).toMatch(/^pageSize: /);
    expect((await admin.get<ErrorBody>(`/api/v1/teams/${UNKNOWN_ID}`)).status).toBe(404);
    expect((await admin.patch<ErrorBody>(`/api/v1/teams/${UNKNOWN_ID}`, { name: "Nobody" })).status).toBe(404);
    expect((await admin.delete<ErrorBody>(`/api/v1/teams/${UNKNOWN_ID}`)).status).toBe(404);
  });

  it("adds agents with a role, changes the role and removes them", async () => {
    const team = await createTeam(admin);
    const [ada, bob, cy] = [await agent(), await agent(), await agent()];
    const added = await admin.post<Team>(`/api/v1/teams/${team.id}/members`, { userIds: [ada.id, bob.id] });
    expect(added.body).toMatchObject({ memberCount: 2, supervisorCount: 0 });
    const asSupervisor = await admin.post<Team>(`/api/v1/teams/${team.id}/members`, { userIds: [cy.id, ada.id], role: "supervisor" });
    // Ada was already a member: she keeps her role.
    expect(asSupervisor.body).toMatchObject({ memberCount: 3, supervisorCount: 1 });

    const members = await admin.get<Page<TeamMember>>(`/api/v1/teams/${team.id}/members`);
    expect(Object.fromEntries(members.body.items.map((member) => [member.id, member.teamRole]))).toEqual({ [ada.id]: "member", [bob.id]: "member", [cy.id]: "supervisor" });

    const promoted = await admin.patch<Team>(`/api/v1/teams/${team.id}/members/${bob.id}`, { role: "supervisor" });
    expect(promoted.body.supervisorCount).toBe(2);
    const memberships = await admin.get<AgentMemberships>(`/api/v1/agents/${bob.id}/memberships`);
    expect(memberships.body.teams).toEqual([{ id: team.id, name: team.name, role: "supervisor" }]);

    const searched = await admin.get<Page<TeamMember>>(`/api/v1/teams/${team.id}/members?search=${encodeURIComponent(cy.username)}`);
    expect(searched.body.items.map((member) => member.id)).toEqual([cy.id]);

    expect((await admin.delete(`/api/v1/teams/${team.id}/members/${ada.id}`)).status).toBe(204);
    expect((await admin.delete<ErrorBody>(`/api/v1/teams/${team.id}/members/${ada.id}`)).body.error.code).toBe("team_member_not_found");
    const removed = await admin.post<Team>(`/api/v1/teams/${team.id}/members/remove`, { userIds: [bob.id, cy.id] });
    expect(removed.body).toMatchObject({ memberCount: 0, supervisorCount: 0 });

    const audit = await admin.get<Page<AuditEntry>>(`/api/v1/audit?entityType=team&entityId=${team.id}`);
    expect(audit.body.items.map((entry) => entry.action)).toEqual([
      "team.member_removed",
      "team.member_removed",
      "team.member_role_changed",
      "team.member_added",
      "team.member_added",
      "team.created",
    ]);
    expect(audit.body.items[2]).toMatchObject({ before: { userId: bob.id, role: "member" }, after: { userId: bob.id, role: "supervisor" } });
  });

  it("takes agents, and supervisors only as team supervisors; never admins or unknown users", async () => {
    const team = await createTeam(admin);
    const supervisor = (await createUser(testServer.server.services, "supervisor")).user;
    const anAdmin = (await createUser(testServer.server.services, "admin")).user;

    const supervisorAsMember = await admin.post<ErrorBody>(`/api/v1/teams/${team.id}/members`, { userIds: [supervisor.id] });
    expect(supervisorAsMember.status).toBe(400);
    expect(supervisorAsMember.body.error.message).toMatch(/^role: /);
    expect((await admin.post<Team>(`/api/v1/teams/${team.id}/members`, { userIds: [supervisor.id], role: "supervisor" })).body.supervisorCount).toBe(1);
    expect((await admin.patch<ErrorBody>(`/api/v1/teams/${team.id}/members/${supervisor.id}`, { role: "member" })).status).toBe(400);

    const adminMember = await admin.post<ErrorBody>(`/api/v1/teams/${team.id}/members`, { userIds: [anAdmin.id] });
    expect(adminMember.status).toBe(400);
    expect(adminMember.body.error).toMatchObject({ code: "validation_failed", details: [{ field: "userIds", message: expect.stringMatching(/^userIds: /) }] });
    expect((await admin.post<ErrorBody>(`/api/v1/teams/${team.id}/members`, { userIds: [UNKNOWN_ID] })).body.error.message).toMatch(/^userIds: no user/);
    expect((await admin.post<ErrorBody>(`/api/v1/teams/${team.id}/members`, { userIds: [] })).body.error.message).toMatch(/^userIds: /);
    expect((await admin.post<ErrorBody>(`/api/v1/teams/${team.id}/members`, { userIds: ["x"] })).status).toBe(400);
    expect((await admin.post<ErrorBody>(`/api/v1/teams/${team.id}/members`, { userIds: [supervisor.id], role: "boss" })).body.error.message).toMatch(/^role: /);
    expect((await admin.post<ErrorBody>(`/api/v1/teams/${UNKNOWN_ID}/members`, { userIds: [supervisor.id] })).status).toBe(404);
  });

  it("lets supervisors read teams and nothing more; agents get 403", async () => {
    const team = await createTeam(admin);
    const supervisor = (await testServer.signedIn("supervisor")).client;
    expect((await supervisor.get<Page<Team>>("/api/v1/teams")).status).toBe(200);
    expect((await supervisor.get<Team>(`/api/v1/teams/${team.id}`)).body.id).toBe(team.id);
    expect((await supervisor.get(`/api/v1/teams/${team.id}/members`)).status).toBe(200);
    expect((await supervisor.post("/api/v1/teams", { name: uniqueName("Rogue") })).status).toBe(403);
    expect((await supervisor.patch(`/api/v1/teams/${team.id}`, { name: uniqueName("Rogue") })).status).toBe(403);
    expect((await supervisor.delete(`/api/v1/teams/${team.id}`)).status).toBe(403);
    expect((await supervisor.post(`/api/v1/teams/${team.id}/members`, { userIds: [(await agent()).id] })).status).toBe(403);

    const agentClient = (await testServer.signedIn("agent")).client;
    expect((await agentClient.get("/api/v1/teams")).status).toBe(403);
    expect((await agentClient.get(`/api/v1/teams/${team.id}`)).status).toBe(403);
  });

  it("takes members out of a deleted team", async () => {
    const team = await createTeam(admin);
    const ada = await agent();
    await admin.post(`/api/v1/teams/${team.id}/members`, { userIds: [ada.id] });
    await admin.delete(`/api/v1/teams/${team.id}`);
    expect((await admin.get<AgentMemberships>(`/api/v1/agents/${ada.id}/memberships`)).body.teams).toEqual([]);
  });
});
