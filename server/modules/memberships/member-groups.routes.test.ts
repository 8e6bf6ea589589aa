import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../../common/api/audit.ts";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { AgentMemberships, Campaign, GroupMember } from "../../../common/api/groups.ts";
import type { Page } from "../../../common/api/pagination.ts";
import { createUser } from "../../test/factories.ts";
import { uniqueName } from "../../test/group-factories.ts";
import type { TestClient } from "../../test/http-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

// Campaigns and lists: the same API under two paths.
describe.each([
  { kind: "campaign", path: "/api/v1/campaigns", membershipsKey: "campaigns" },
  { kind: "list", path: "/api/v1/lists", membershipsKey: "lists" },
] as const)("$kind", ({ kind, path, membershipsKey }) => {
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
  const create = async (name = uniqueName(kind)) => {
    const response = await admin.post<Campaign>(path, { name });
    expect(response.status).toBe(201);
    return response.body;
  };

  it(`creates, lists, renames and deletes a ${kind}`, async () => {
    const tag = uniqueName("Spring").replace(" ", "-");
    const group = await create(`${tag} B`);
    await create(`${tag} a`);
    const listed = await admin.get<Page<Campaign>>(`${path}?search=${tag}`);
    expect(listed.body.items.map((item) => item.name)).toEqual([`${tag} a`, `${tag} B`]);
    const renamed = await admin.patch<Campaign>(`${path}/${group.id}`, { name: `${tag} C`, description: "Q2" });
    expect(renamed.body).toMatchObject({ name: `${tag} C`, description: "Q2", memberCount: 0 });
    expect((await admin.delete(`${path}/${group.id}`)).status).toBe(204);
    expect((await admin.get(`${path}/${group.id}`)).status).toBe(404);
    const audit = await admin.get<Page<AuditEntry>>(`/api/v1/audit?entityType=${kind}&entityId=${group.id}`);
    expect(audit.body.items.map((entry) => entry.action)).toEqual([`${kind}.deleted`, `${kind}.updated`, `${kind}.created`]);
  });

  it("refuses bad input with a 400 naming the field, a taken name with a 409", async () => {
    expect((await admin.post<ErrorBody>(path, { name: "" })).body.error.message).toMatch(/^name: /);
    expect((await admin.post<ErrorBody>(path, { name: "ok", description: 7 })).body.error.message).toMatch(/^description: /);
    const group = await create();
    const taken = await admin.post<ErrorBody>(path, { name: group.name.toUpperCase() });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: `${kind}_name_taken`, message: expect.stringMatching(/^name: /) });
    expect((await admin.patch(`${path}/${UNKNOWN_ID}`, { name: "x" })).status).toBe(404);
  });

  it("adds and removes one or many agents, and only agents", async () => {
    const group = await create();
    const [ada, bob] = [await agent(), await agent()];
    expect((await admin.post<Campaign>(`${path}/${group.id}/members`, { userIds: [ada.id, bob.id] })).body.memberCount).toBe(2);
    const members = await admin.get<Page<GroupMember>>(`${path}/${group.id}/members`);
    expect(members.body.items.map((member) => member.id).sort()).toEqual([ada.id, bob.id].sort());
    const memberships = await admin.get<AgentMemberships>(`/api/v1/agents/${ada.id}/memberships`);
    expect(memberships.body[membershipsKey]).toEqual([{ id: group.id, name: group.name }]);

    const supervisor = (await createUser(testServer.server.services, "supervisor")).user;
    const refused = await admin.post<ErrorBody>(`${path}/${group.id}/members`, { userIds: [supervisor.id] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^userIds: .* only agents/);

    expect((await admin.delete(`${path}/${group.id}/members/${ada.id}`)).status).toBe(204);
    expect((await admin.delete(`${path}/${group.id}/members/${ada.id}`)).status).toBe(404);
    expect((await admin.post<Campaign>(`${path}/${group.id}/members/remove`, { userIds: [bob.id] })).body.memberCount).toBe(0);
    const audit = await admin.get<Page<AuditEntry>>(`/api/v1/audit?entityType=${kind}&entityId=${group.id}`);
    expect(audit.body.items.map((entry) => entry.action)).toEqual([`${kind}.member_removed`, `${kind}.member_removed`, `${kind}.member_added`, `${kind}.created`]);
  });

  it("lets supervisors read and nothing more; agents get 403", async () => {
    const group = await create();
    const supervisor = (await testServer.signedIn("supervisor")).client;
    expect((await supervisor.get(path)).status).toBe(200);
    expect((await supervisor.get(`${path}/${group.id}/members`)).status).toBe(200);
    expect((await supervisor.post(path, { name: uniqueName("Rogue") })).status).toBe(403);
    expect((await supervisor.post(`${path}/${group.id}/members`, { userIds: [(await agent()).id] })).status).toBe(403);
    const agentClient = (await testServer.signedIn("agent")).client;
    expect((await agentClient.get(path)).status).toBe(403);
  });
});
