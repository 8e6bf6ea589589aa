import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoachingRecipientAgent, RecipientsPreview } from "../../../common/api/coaching.ts";
import { COACHING_MESSAGE_MAX } from "../../../common/api/coaching.ts";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { Page } from "../../../common/api/pagination.ts";
import { createCampaign, createList, createQueue, createTeam } from "../../test/group-factories.ts";
import type { TestClient } from "../../test/http-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";
import { addMembers, expectStatus, preview, send, sent, signedInAgent } from "./coaching.test-support.ts";

// product.md, Coaching messages, Compose: admins and supervisors (a supervisor only to the agents of their
// queues), one agent or a group by campaign, list, team or queue with filters, resolved on the server; the
// confirmation shows the agent's name or the number of agents; a length limit; empty messages refused.
describe("coaching compose", () => {
  let testServer: TestServer;
  let admin: TestClient;

  beforeAll(async () => {
    testServer = await startTestServer();
    admin = (await testServer.signedIn("admin")).client;
  });
  afterAll(async () => {
    await testServer.close();
  });

  const recipientsOf = async (client: TestClient, query: string) =>
    expectStatus<Page<CoachingRecipientAgent>>(await client.get(`/api/v1/coaching/recipients?${query}`), 200, "listing recipients");

  /** A supervisor enabled on a queue with one agent, and an agent outside it. */
  async function supervisorWithQueue() {
    const supervisor = await testServer.signedIn("supervisor");
    const inScope = await signedInAgent(testServer);
    const outOfScope = await signedInAgent(testServer);
    const queue = await createQueue(admin);
    await addMembers(admin, `/api/v1/queues/${queue.id}`, [supervisor.created.user.id, inScope.id]);
    return { supervisor: supervisor.client, inScope, outOfScope, queue };
  }

  it("shows the agent's name for one agent, and the group's name and number of agents for a group", async () => {
    const ada = await signedInAgent(testServer);
    const grace = await signedInAgent(testServer);
    const team = await createTeam(admin);
    await addMembers(admin, `/api/v1/teams/${team.id}`, [ada.id, grace.id]);

    expect(expectStatus<RecipientsPreview>(await preview(admin, { kind: "agent", agentId: ada.id }), 200, "preview of one")).toEqual({ kind: "agent", name: ada.fullName, count: 1 });
    expect(expectStatus<RecipientsPreview>(await preview(admin, { kind: "group", groupKind: "team", groupId: team.id }), 200, "preview of a team")).toEqual({ kind: "team", name: team.name, count: 2 });
  });

  it("reaches the agents of a campaign, a list or a queue", async () => {
    const agents = [await signedInAgent(testServer), await signedInAgent(testServer)];
    const ids = agents.map((agent) => agent.id);
    const campaign = await createCampaign(admin);
    const list = await createList(admin);
    const queue = await createQueue(admin);
    await addMembers(admin, `/api/v1/campaigns/${campaign.id}`, ids);
    await addMembers(admin, `/api/v1/lists/${list.id}`, ids.slice(0, 1));
    await addMembers(admin, `/api/v1/queues/${queue.id}`, ids);

    expect((await sent(admin, "Campaign kick-off", { kind: "group", groupKind: "campaign", groupId: campaign.id })).recipientCount).toBe(2);
    expect((await sent(admin, "List refreshed", { kind: "group", groupKind: "list", groupId: list.id })).recipientCount).toBe(1);
    const queued = await sent(admin, "Queue is busy", { kind: "group", groupKind: "queue", groupId: queue.id });
    expect(queued).toMatchObject({ recipientCount: 2, target: { kind: "queue", name: queue.name } });
    const stored = await testServer.database.db.selectFrom("coachingMessages").select(["targetKind", "targetId", "targetName", "senderName"]).where("id", "=", queued.id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ targetKind: "queue", targetId: queue.id, targetName: queue.name });
  });

  it("narrows a group with the agents list's filters, resolved on the server", async () => {
    const active = await signedInAgent(testServer);
    const disabled = await signedInAgent(testServer);
    const team = await createTeam(admin);
    await addMembers(admin, `/api/v1/teams/${team.id}`, [active.id, disabled.id]);
    expectStatus(await admin.patch(`/api/v1/users/${disabled.id}/security`, { disabled: true }), 200, "disabling an agent");
    const target = { kind: "group", groupKind: "team", groupId: team.id, filters: { status: "active" } } as const;

    expect(expectStatus<RecipientsPreview>(await preview(admin, target), 200, "preview").count).toBe(1);
    expect((await recipientsOf(admin, `groupKind=team&groupId=${team.id}&status=active`)).items.map((agent) => agent.id)).toEqual([active.id]);
    const message = await sent(admin, "Active agents only", target);
    expect(message.recipientCount).toBe(1);
    const named = await sent(admin, "By name", { kind: "group", groupKind: "team", groupId: team.id, filters: { search: active.fullName } });
    expect(named.recipientCount).toBe(1);
  });

  it("refuses an empty message and one over the length limit, naming body", async () => {
    const agent = await signedInAgent(testServer);
    const target = { kind: "agent", agentId: agent.id } as const;
    for (const body of ["", "   \n "]) {
      const empty = await send(admin, body, target);
      expect(empty.status).toBe(400);
      expect((empty.body as ErrorBody).error.details).toEqual([{ field: "body", message: expect.stringMatching(/^body: write a message/) as unknown }]);
    }
    const long = await send(admin, "x".repeat(COACHING_MESSAGE_MAX + 1), target);
    expect(long.status).toBe(400);
    expect((long.body as ErrorBody).error.message).toBe(`body: at most ${COACHING_MESSAGE_MAX} characters`);
    expect((await send(admin, "x".repeat(COACHING_MESSAGE_MAX), target)).status).toBe(201);
  });

  it("refuses a malformed target naming the field, and an unknown agent or group with 404", async () => {
    const badKind = await admin.post<ErrorBody>("/api/v1/coaching/messages", { body: "Hi", target: { kind: "everyone" } });
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.message).toMatch(/target/);
    const badGroup = await admin.post<ErrorBody>("/api/v1/coaching/messages", { body: "Hi", target: { kind: "group", groupKind: "floor", groupId: randomUUID() } });
    expect(badGroup.status).toBe(400);
    expect(badGroup.body.error.message).toMatch(/groupKind: one of team, queue, campaign, list/);
    expect((await send(admin, "Hi", { kind: "agent", agentId: randomUUID() })).body).toMatchObject({ error: { code: "agent_not_found" } });
    expect((await send(admin, "Hi", { kind: "group", groupKind: "campaign", groupId: randomUUID() })).body).toMatchObject({ error: { code: "campaign_not_found" } });
  });

  it("refuses a group that reaches nobody, and stores nothing", async () => {
    const team = await createTeam(admin);
    const before = await testServer.database.db.selectFrom("coachingMessages").select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow();
    const refused = await send(admin, "Anyone there?", { kind: "group", groupKind: "team", groupId: team.id });
    expect(refused.status).toBe(409);
    expect((refused.body as ErrorBody).error.code).toBe("no_recipients");
    const after = await testServer.database.db.selectFrom("coachingMessages").select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow();
    expect(Number(after.count)).toBe(Number(before.count));
  });

  it("lets a supervisor message only the agents of their queues", async () => {
    const { supervisor, inScope, outOfScope, queue } = await supervisorWithQueue();
    const team = await createTeam(admin);
    await addMembers(admin, `/api/v1/teams/${team.id}`, [inScope.id, outOfScope.id]);

    expect((await send(supervisor, "Hello", { kind: "agent", agentId: outOfScope.id })).status).toBe(404);
    expect((await preview(supervisor, { kind: "agent", agentId: outOfScope.id })).status).toBe(404);
    expect((await sent(supervisor, "Hello", { kind: "agent", agentId: inScope.id })).recipientCount).toBe(1);
    // A team with agents of both: only the one in the supervisor's queues gets a copy.
    expect(expectStatus<RecipientsPreview>(await preview(supervisor, { kind: "group", groupKind: "team", groupId: team.id }), 200, "preview").count).toBe(1);
    const teamMessage = await sent(supervisor, "Team note", { kind: "group", groupKind: "team", groupId: team.id });
    expect(teamMessage.recipientCount).toBe(1);
    const copies = await testServer.database.db.selectFrom("coachingRecipients").select("agentId").where("messageId", "=", teamMessage.id).execute();
    expect(copies.map((copy) => copy.agentId)).toEqual([inScope.id]);
    // The agent list of the compose page shows only their agents.
    expect((await recipientsOf(supervisor, `groupKind=team&groupId=${team.id}`)).items.map((agent) => agent.id)).toEqual([inScope.id]);
    expect((await recipientsOf(supervisor, "pageSize=200")).items.map((agent) => agent.id)).toEqual([inScope.id]);
    // A queue the supervisor is not enabled on does not exist for them.
    const otherQueue = await createQueue(admin);
    await addMembers(admin, `/api/v1/queues/${otherQueue.id}`, [outOfScope.id]);
    expect((await send(supervisor, "Hello", { kind: "group", groupKind: "queue", groupId: otherQueue.id })).body).toMatchObject({ error: { code: "queue_not_found" } });
    expect((await sent(supervisor, "Queue note", { kind: "group", groupKind: "queue", groupId: queue.id })).recipientCount).toBe(1);
  });

  it("leaves out agents whose coaching module is off, and refuses one of them alone", async () => {
    const on = await signedInAgent(testServer);
    const off = await signedInAgent(testServer);
    expectStatus(await admin.request("PUT", `/api/v1/agents/${off.id}/permissions`, { modules: { coaching: false } }), 200, "turning coaching off");
    const team = await createTeam(admin);
    await addMembers(admin, `/api/v1/teams/${team.id}`, [on.id, off.id]);

    expect((await sent(admin, "Team note", { kind: "group", groupKind: "team", groupId: team.id })).recipientCount).toBe(1);
    const alone = await send(admin, "Just you", { kind: "agent", agentId: off.id });
    expect(alone.status).toBe(409);
    expect((alone.body as ErrorBody).error.code).toBe("coaching_turned_off");
    // Its API refuses the agent (product.md: a module turned off is absent from the desktop and refused by the API).
    const refused = await off.client.get<ErrorBody>("/api/v1/coaching/inbox");
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("module_disabled");
    expect((await on.client.get("/api/v1/coaching/inbox")).status).toBe(200);
  });

  it("has no way for an agent to send, reply or unsend, and none for anyone to unsend", async () => {
    const agent = await signedInAgent(testServer);
    const other = await signedInAgent(testServer);
    const message = await sent(admin, "One way only", { kind: "agent", agentId: agent.id });
    expect((await send(agent.client, "A reply", { kind: "agent", agentId: other.id })).status).toBe(403);
    expect((await agent.client.post(`/api/v1/coaching/messages/${message.id}/replies`, { body: "A reply" })).status).toBe(404);
    expect((await admin.delete(`/api/v1/coaching/messages/${message.id}`)).status).toBe(404);
    expect((await admin.get("/api/v1/coaching/inbox")).status).toBe(403);
    const stored = await testServer.database.db.selectFrom("coachingMessages").select("id").where("id", "=", message.id).executeTakeFirst();
    expect(stored?.id).toBe(message.id);
  });

  it("records each send in the audit log", async () => {
    const agent = await signedInAgent(testServer);
    const message = await sent(admin, "Audited", { kind: "agent", agentId: agent.id });
    const entry = await testServer.database.db.selectFrom("auditLog").select(["action", "entityType", "summary"]).where("entityId", "=", message.id).executeTakeFirstOrThrow();
    expect(entry).toEqual({ action: "coaching_message.sent", entityType: "coaching_message", summary: `Sent a coaching message to ${agent.fullName} (1 agent)` });
  });
});
