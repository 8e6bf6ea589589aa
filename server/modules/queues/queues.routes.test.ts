import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../../common/api/audit.ts";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { AgentMemberships, GroupMember } from "../../../common/api/groups.ts";
import type { Page } from "../../../common/api/pagination.ts";
import type { AgentQueuesAdded, Queue } from "../../../common/api/queues.ts";
import { createUser } from "../../test/factories.ts";
import { addToQueue, createQueue, uniqueName } from "../../test/group-factories.ts";
import type { TestClient } from "../../test/http-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

describe("queues", () => {
  let testServer: TestServer;
  let admin: TestClient;

  beforeAll(async () => {
    testServer = await startTestServer();
    admin = (await testServer.signedIn("admin")).client;
    // Voice, SMS and chat are always on; these tests use e-mail queues too.
    expect((await admin.patch("/api/v1/settings/account", { enabledChannels: ["voice", "sms", "chat", "email"] })).status).toBe(200);
  });
  afterAll(async () => {
    await testServer.close();
  });

  const agent = async () => (await createUser(testServer.server.services, "agent")).user;

  it("creates a queue with defaults, changes and deletes it, auditing each change", async () => {
    const name = uniqueName("Support");
    const created = await admin.post<Queue>("/api/v1/queues", { name, channel: "chat" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name, channel: "chat", strategy: "ring-all", timeoutSeconds: 300, offerTimeoutSeconds: 20, description: null, memberCount: 0 });

    const changed = await admin.patch<Queue>(`/api/v1/queues/${created.body.id}`, { strategy: "longest-idle", timeoutSeconds: 600, offerTimeoutSeconds: 15, description: "Tier 1" });
    expect(changed.body).toMatchObject({ strategy: "longest-idle", timeoutSeconds: 600, offerTimeoutSeconds: 15, description: "Tier 1", channel: "chat" });
    expect((await admin.get<Queue>(`/api/v1/queues/${created.body.id}`)).body).toEqual(changed.body);

    expect((await admin.delete(`/api/v1/queues/${created.body.id}`)).status).toBe(204);
    expect((await admin.get<ErrorBody>(`/api/v1/queues/${created.body.id}`)).body.error.code).toBe("queue_not_found");
    const audit = await admin.get<Page<AuditEntry>>(`/api/v1/audit?entityType=queue&entityId=${created.body.id}`);
    expect(audit.body.items.map((entry) => entry.action)).toEqual(["queue.deleted", "queue.updated", "queue.created"]);
    expect(audit.body.items[1]).toMatchObject({ before: { strategy: "ring-all", timeoutSeconds: 300 }, after: { strategy: "longest-idle", timeoutSeconds: 600 } });
  });

  it("answers every refused value with a 400 naming the field", async () => {
    const cases: [unknown, string][] = [
      [{ channel: "voice" }, "name"],
      [{ name: "Q" }, "channel"],
      [{ name: "Q", channel: "pigeon" }, "channel"],
      [{ name: "Q", channel: "voice", strategy: "random" }, "strategy"],
      [{ name: "Q", channel: "voice", timeoutSeconds: 0 }, "timeoutSeconds"],
      [{ name: "Q", channel: "voice", timeoutSeconds: 1.5 }, "timeoutSeconds"],
      [{ name: "Q", channel: "voice", timeoutSeconds: 14 * 86400 + 1 }, "timeoutSeconds"],
      [{ name: "Q", channel: "voice", offerTimeoutSeconds: 3601 }, "offerTimeoutSeconds"],
      [{ name: "Q", channel: "voice", offerTimeoutSeconds: "20" }, "offerTimeoutSeconds"],
    ];
    for (const [body, field] of cases) {
      const response = await admin.post<ErrorBody>("/api/v1/queues", body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.message, JSON.stringify(body)).toMatch(new RegExp(`^${field}: `));
    }
    const queue = await createQueue(admin);
    expect((await admin.patch<ErrorBody>(`/api/v1/queues/${queue.id}`, { strategy: "nope" })).body.error.message).toMatch(/^strategy: /);
    expect((await admin.get<ErrorBody>("/api/v1/queues?channel=pigeon")).body.error.message).toMatch(/^channel: /);
    expect((await admin.patch<ErrorBody>(`/api/v1/queues/${UNKNOWN_ID}`, { name: "x" })).status).toBe(404);
  });

  it("takes a channel only once the account has turned it on", async () => {
    const refused = await admin.post<ErrorBody>("/api/v1/queues", { name: uniqueName("Fax"), channel: "fax" });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: "validation_failed", message: expect.stringMatching(/^channel: fax is not enabled/) });
    const voice = await createQueue(admin, { channel: "voice" });
    expect((await admin.patch<ErrorBody>(`/api/v1/queues/${voice.id}`, { channel: "fax" })).body.error.message).toMatch(/^channel: /);
    expect((await admin.patch("/api/v1/settings/account", { enabledChannels: ["voice", "sms", "chat", "email", "fax"] })).status).toBe(200);
    expect((await admin.patch<Queue>(`/api/v1/queues/${voice.id}`, { channel: "fax" })).body.channel).toBe("fax");
  });

  it("keeps names unique ignoring case", async () => {
    const existing = await createQueue(admin);
    const duplicate = await admin.post<ErrorBody>("/api/v1/queues", { name: existing.name.toLowerCase(), channel: "sms" });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({ code: "queue_name_taken", message: expect.stringMatching(/^name: /) });
    const other = await createQueue(admin);
    expect((await admin.patch<ErrorBody>(`/api/v1/queues/${other.id}`, { name: existing.name.toUpperCase() })).status).toBe(409);
  });

  it("lists queues by name, filtered by channel and search", async () => {
    const tag = uniqueName("Filter").replace(" ", "-");
    await createQueue(admin, { name: `${tag} voice`, channel: "voice" });
    await createQueue(admin, { name: `${tag} email`, channel: "email" });
    const voice = await admin.get<Page<Queue>>(`/api/v1/queues?search=${tag}&channel=voice`);
    expect(voice.body.items.map((queue) => queue.name)).toEqual([`${tag} voice`]);
    expect((await admin.get<Page<Queue>>(`/api/v1/queues?search=${tag}`)).body.total).toBe(2);
  });

  it("adds and removes agents and supervisors, one or many", async () => {
    const queue = await createQueue(admin);
    const [ada, bob] = [await agent(), await agent()];
    const supervisor = (await createUser(testServer.server.services, "supervisor")).user;
    const added = await admin.post<Queue>(`/api/v1/queues/${queue.id}/members`, { userIds: [ada.id, bob.id, supervisor.id, ada.id] });
    expect(added.body.memberCount).toBe(3);
    const members = await admin.get<Page<GroupMember>>(`/api/v1/queues/${queue.id}/members?pageSize=2`);
    expect(members.body.total).toBe(3);
    expect(members.body.items).toHaveLength(2);

    const anAdmin = (await createUser(testServer.server.services, "admin")).user;
    expect((await admin.post<ErrorBody>(`/api/v1/queues/${queue.id}/members`, { userIds: [anAdmin.id] })).body.error.message).toMatch(/^userIds: /);

    expect((await admin.post<Queue>(`/api/v1/queues/${queue.id}/members/remove`, { userIds: [ada.id, bob.id] })).body.memberCount).toBe(1);
    expect((await admin.delete(`/api/v1/queues/${queue.id}/members/${supervisor.id}`)).status).toBe(204);
    expect((await admin.delete<ErrorBody>(`/api/v1/queues/${queue.id}/members/${supervisor.id}`)).status).toBe(404);
    const audit = await admin.get<Page<AuditEntry>>(`/api/v1/audit?entityType=queue&entityId=${queue.id}&action=queue.member_added`);
    expect(audit.body.items[0]?.after).toEqual({ members: expect.arrayContaining([{ id: ada.id, username: ada.username }]) });
  });

  it("adds an agent to one queue, or to every queue of a channel in one call", async () => {
    const ada = await agent();
    const sms = [await createQueue(admin, { channel: "sms" }), await createQueue(admin, { channel: "sms" })];
    const voice = await createQueue(admin, { channel: "voice" });

    const one = await admin.post<AgentQueuesAdded>(`/api/v1/agents/${ada.id}/queues`, { queueIds: [voice.id] });
    expect(one.body.added).toEqual([{ id: voice.id, name: voice.name, channel: "voice" }]);
    const everySms = await admin.post<AgentQueuesAdded>(`/api/v1/agents/${ada.id}/queues`, { channel: "sms" });
    const smsCount = (await admin.get<Page<Queue>>("/api/v1/queues?channel=sms&pageSize=200")).body.total;
    expect(everySms.body.added).toHaveLength(smsCount);
    expect(everySms.body.added.map((queue) => queue.id)).toEqual(expect.arrayContaining(sms.map((queue) => queue.id)));
    // Again: nothing new.
    expect((await admin.post<AgentQueuesAdded>(`/api/v1/agents/${ada.id}/queues`, { channel: "sms" })).body.added).toEqual([]);

    const memberships = await admin.get<AgentMemberships>(`/api/v1/agents/${ada.id}/memberships`);
    expect(memberships.body.queues.map((queue) => queue.channel)).toEqual([...Array<string>(smsCount).fill("sms"), "voice"]);

    expect((await admin.delete(`/api/v1/agents/${ada.id}/queues/${voice.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/v1/agents/${ada.id}/queues/${voice.id}`)).status).toBe(404);
    expect((await admin.get<AgentMemberships>(`/api/v1/agents/${ada.id}/memberships`)).body.queues).toHaveLength(smsCount);
  });

  it("refuses bad agent-queue requests with a 400 naming the field, unknown ids with a 404", async () => {
    const ada = await agent();
    const queue = await createQueue(admin);
    const both = await admin.post<ErrorBody>(`/api/v1/agents/${ada.id}/queues`, { queueIds: [queue.id], channel: "voice" });
    expect(both.status).toBe(400);
    expect(both.body.error.message).toMatch(/^queueIds: /);
    expect((await admin.post<ErrorBody>(`/api/v1/agents/${ada.id}/queues`, {})).body.error.message).toMatch(/^queueIds: /);
    expect((await admin.post<ErrorBody>(`/api/v1/agents/${ada.id}/queues`, { channel: "pigeon" })).body.error.message).toMatch(/^channel: /);
    expect((await admin.post<ErrorBody>(`/api/v1/agents/${ada.id}/queues`, { queueIds: [queue.id, UNKNOWN_ID] })).body.error.code).toBe("queue_not_found");
    expect((await admin.post<ErrorBody>(`/api/v1/agents/${UNKNOWN_ID}/queues`, { queueIds: [queue.id] })).body.error.code).toBe("agent_not_found");
    expect((await admin.get<ErrorBody>(`/api/v1/agents/${UNKNOWN_ID}/memberships`)).status).toBe(404);
    // Nothing was half-done by the refused call.
    expect((await admin.get<AgentMemberships>(`/api/v1/agents/${ada.id}/memberships`)).body.queues).toEqual([]);
  });

  describe("a supervisor", () => {
    let supervisor: TestClient;
    let supervisorId: string;
    let theirs: Queue;
    let other: Queue;

    beforeAll(async () => {
      const signedIn = await testServer.signedIn("supervisor");
      supervisor = signedIn.client;
      supervisorId = signedIn.created.user.id;
      theirs = await createQueue(admin, { channel: "email" });
      other = await createQueue(admin, { channel: "email" });
      await addToQueue(admin, theirs.id, [supervisorId]);
    });

    it("reads only the queues they are enabled on; any other is a 404", async () => {
      const listed = await supervisor.get<Page<Queue>>("/api/v1/queues?pageSize=200");
      expect(listed.body.items.map((queue) => queue.id)).toEqual([theirs.id]);
      expect(listed.body.total).toBe(1);
      expect((await supervisor.get<Queue>(`/api/v1/queues/${theirs.id}`)).status).toBe(200);
      expect((await supervisor.get<ErrorBody>(`/api/v1/queues/${other.id}`)).body.error.code).toBe("queue_not_found");
      expect((await supervisor.get(`/api/v1/queues/${other.id}/members`)).status).toBe(404);
    });

    it("adds and removes agents on their queues only, and never changes the queues themselves", async () => {
      const ada = await agent();
      expect((await supervisor.post<Queue>(`/api/v1/queues/${theirs.id}/members`, { userIds: [ada.id] })).status).toBe(200);
      expect((await supervisor.post(`/api/v1/queues/${other.id}/members`, { userIds: [ada.id] })).status).toBe(404);
      const anotherSupervisor = (await createUser(testServer.server.services, "supervisor")).user;
      expect((await supervisor.post<ErrorBody>(`/api/v1/queues/${theirs.id}/members`, { userIds: [anotherSupervisor.id] })).body.error.message).toMatch(/^userIds: /);
      expect((await supervisor.post<ErrorBody>(`/api/v1/queues/${theirs.id}/members/remove`, { userIds: [supervisorId] })).status).toBe(400);

      const viaChannel = await supervisor.post<AgentQueuesAdded>(`/api/v1/agents/${(await agent()).id}/queues`, { channel: "email" });
      expect(viaChannel.body.added.map((queue) => queue.id)).toEqual([theirs.id]);
      expect((await supervisor.post(`/api/v1/agents/${ada.id}/queues`, { queueIds: [other.id] })).status).toBe(404);
      expect((await supervisor.delete(`/api/v1/agents/${ada.id}/queues/${theirs.id}`)).status).toBe(204);

      expect((await supervisor.post("/api/v1/queues", { name: uniqueName("Rogue"), channel: "voice" })).status).toBe(403);
      expect((await supervisor.patch(`/api/v1/queues/${theirs.id}`, { timeoutSeconds: 5 })).status).toBe(403);
      expect((await supervisor.delete(`/api/v1/queues/${theirs.id}`)).status).toBe(403);
    });

    it("reads the memberships of the agents they manage only, with only their own queues", async () => {
      const managed = await agent();
      const stranger = await agent();
      await addToQueue(admin, theirs.id, [managed.id]);
      await addToQueue(admin, other.id, [managed.id, stranger.id]);
      const memberships = await supervisor.get<AgentMemberships>(`/api/v1/agents/${managed.id}/memberships`);
      expect(memberships.body.queues.map((queue) => queue.id)).toEqual([theirs.id]);
      expect((await supervisor.get(`/api/v1/agents/${stranger.id}/memberships`)).status).toBe(404);
      expect((await supervisor.get(`/api/v1/agents/${supervisorId}/memberships`)).status).toBe(404);
    });
  });

  it("refuses agents on every queue route", async () => {
    const queue = await createQueue(admin);
    const { client, created } = await testServer.signedIn("agent");
    await addToQueue(admin, queue.id, [created.user.id]);
    expect((await client.get("/api/v1/queues")).status).toBe(403);
    expect((await client.get(`/api/v1/queues/${queue.id}`)).status).toBe(403);
    expect((await client.post(`/api/v1/agents/${created.user.id}/queues`, { channel: "voice" })).status).toBe(403);
    expect((await client.get(`/api/v1/agents/${created.user.id}/memberships`)).status).toBe(403);
  });
});
