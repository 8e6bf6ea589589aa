import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { Moment, MomentContent, MomentNotification, MomentReport, MomentsAccess, TryMomentsResponse } from "../../../common/api/moments.ts";
import type { Page } from "../../../common/api/pagination.ts";
import type { TestClient } from "../../test/http-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";
import { createNotification, customerSays, firingsOf, momentsAgent, newTeam, openConversation, type MomentsAgent } from "./moments.test-support.ts";

describe("who may configure and receive moments", () => {
  let testServer: TestServer;
  let admin: TestClient;

  beforeAll(async () => {
    testServer = await startTestServer();
    admin = (await testServer.signedIn("admin")).client;
  });
  afterAll(async () => {
    await testServer.close();
  });

  /** An agent's own content and notification, and a moment fired on their conversation. */
  async function ownItems(agent: MomentsAgent, word: string) {
    const content = await agent.client.post<MomentContent>("/api/v1/moments/contents", { title: `${word} notes`, bodyHtml: "<p>Remember the script</p>" });
    expect(content.status).toBe(201);
    const notification = await createNotification(agent.client, { name: `My ${word}`, criteria: { anyOf: [word] }, contentIds: [content.body.id] });
    const conversation = await openConversation(testServer, agent.id);
    await customerSays(testServer, conversation, `About the ${word}...`);
    const [moment] = (await agent.client.get<{ items: Moment[] }>(`/api/v1/moments?interactionId=${conversation.interactionId}`)).body.items;
    expect(moment?.notificationName).toBe(`My ${word}`);
    return { content: content.body, notification, conversation, moment: moment as Moment };
  }

  it("gives an agent with self-service their own console: personal notifications reaching them alone, phrase criteria, their own content", async () => {
    const teamId = await newTeam(testServer);
    const agent = await momentsAgent(testServer, { teamIds: [teamId] });
    expect((await agent.client.get<MomentsAccess>("/api/v1/moments/access")).body).toEqual({ manage: false, selfService: true, receive: true, reasons: [] });
    const { notification } = await ownItems(agent, "warranty");
    expect(notification).toMatchObject({ personal: true, owner: { id: agent.id }, targets: { teams: [], agents: [{ id: agent.id }], excludedAgents: [], notifySupervisors: false } });

    const refusals: [Record<string, unknown>, string][] = [
      [{ name: "Team-wide", criteria: { anyOf: ["x1"] }, targets: { teamIds: [teamId] } }, "targets"],
      [{ name: "All of", criteria: { anyOf: ["x1"], allOf: ["x2"] } }, "criteria.allOf"],
      [{ name: "Timer", criteria: { notMentioned: { phrases: ["hello"], withinSeconds: 30 } } }, "criteria.notMentioned"],
      [{ name: "Speaker", criteria: { anyOf: ["x1"], speaker: "agent" } }, "criteria.speaker"],
      [{ name: "Channel", criteria: { anyOf: ["x1"], channels: ["sms"] } }, "criteria.channels"],
      [{ name: "Every", criteria: { anyOf: ["x1"], frequency: { kind: "every", cooldownSeconds: 5 } } }, "criteria.frequency"],
    ];
    for (const [body, field] of refusals) {
      const refused = await agent.client.post<ErrorBody>("/api/v1/moments/notifications", body);
      expect(refused.status, field).toBe(400);
      expect(refused.body.error.details).toEqual([expect.objectContaining({ field })]);
    }
    const updateTargets = await agent.client.patch<ErrorBody>(`/api/v1/moments/notifications/${notification.id}`, { targets: { agentIds: [agent.id] } });
    expect(updateTargets.status).toBe(400);
    const renamed = await agent.client.patch<MomentNotification>(`/api/v1/moments/notifications/${notification.id}`, { name: "My warranty reminder", criteria: { anyOf: ["warranty", "guarantee*"] } });
    expect(renamed.body).toMatchObject({ name: "My warranty reminder", criteria: { anyOf: ["warranty", "guarantee*"] }, targets: { agents: [{ id: agent.id }] } });
  });

  it("names the field of a phrase it cannot match", async () => {
    const refused = await admin.post<ErrorBody>("/api/v1/moments/notifications", { name: "Bad", criteria: { anyOf: ["can*cel"] } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([{ field: "criteria.anyOf.0", message: 'criteria.anyOf.0: "can*cel": a * goes at the end of a word, as in cancel*' }]);
    const empty = await admin.post<ErrorBody>("/api/v1/moments/notifications", { name: "Empty", criteria: {} });
    expect(empty.body.error.details).toEqual([expect.objectContaining({ field: "criteria.anyOf" })]);
  });

  it("keeps two agents of one team from seeing or touching each other's items through every route", async () => {
    const teamId = await newTeam(testServer);
    const ada = await momentsAgent(testServer, { teamIds: [teamId] });
    const bob = await momentsAgent(testServer, { teamIds: [teamId] });
    const adas = await ownItems(ada, "mortgage");
    const bobs = await ownItems(bob, "pension");
    const notFound = async (method: string, path: string, body?: unknown) => {
      const response = await bob.client.request<ErrorBody>(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(404);
    };

    const bobNotifications = await bob.client.get<Page<MomentNotification>>("/api/v1/moments/notifications");
    expect(bobNotifications.body.items.map((item) => item.id)).toEqual([bobs.notification.id]);
    const bobContents = await bob.client.get<Page<MomentContent>>("/api/v1/moments/contents");
    expect(bobContents.body.items.map((item) => item.id)).toEqual([bobs.content.id]);
    await notFound("GET", `/api/v1/moments/notifications/${adas.notification.id}`);
    await notFound("PATCH", `/api/v1/moments/notifications/${adas.notification.id}`, { name: "Mine now" });
    await notFound("DELETE", `/api/v1/moments/notifications/${adas.notification.id}`);
    await notFound("GET", `/api/v1/moments/contents/${adas.content.id}`);
    await notFound("PATCH", `/api/v1/moments/contents/${adas.content.id}`, { title: "Mine now" });
    await notFound("DELETE", `/api/v1/moments/contents/${adas.content.id}`);
    await notFound("PATCH", `/api/v1/moments/${adas.moment.id}`, { helpful: true });
    expect((await bob.client.get<{ items: Moment[] }>(`/api/v1/moments?interactionId=${adas.conversation.interactionId}`)).body.items).toEqual([]);
    const borrowed = await bob.client.post<ErrorBody>("/api/v1/moments/notifications", { name: "Borrowed", criteria: { anyOf: ["x"] }, contentIds: [adas.content.id] });
    expect(borrowed.status).toBe(400);
    expect(borrowed.body.error.message).toBe(`contentIds: no content item ${adas.content.id} you may use here`);
    const tried = await bob.client.post<TryMomentsResponse>("/api/v1/moments/try", { text: "mortgage and pension" });
    expect(tried.body.results.map((result) => result.name)).toEqual(["My pension"]);
    const report = await bob.client.get<MomentReport>(`/api/v1/moments/reports?agentId=${ada.id}&notificationId=${adas.notification.id}`);
    expect(report.body).toMatchObject({ scope: { agentId: bob.id }, total: 0, byAgent: [], byNotification: [] });
    const csv = await bob.client.get<string>(`/api/v1/moments/reports/export.csv?agentId=${ada.id}`);
    expect(csv.body).not.toContain("mortgage");
    // Nothing of Ada's changed.
    expect((await ada.client.get<MomentNotification>(`/api/v1/moments/notifications/${adas.notification.id}`)).body.name).toBe("My mortgage");
    expect((await ada.client.get<MomentContent>(`/api/v1/moments/contents/${adas.content.id}`)).body.title).toBe("mortgage notes");
  });

  it("removes configuring and receiving when the Moments licence is off, and self-service with Administration on or a supervisor role on a team", async () => {
    const teamId = await newTeam(testServer);
    const agent = await momentsAgent(testServer, { teamIds: [teamId] });
    const { notification, conversation } = await ownItems(agent, "overdraft");
    await testServer.database.db.updateTable("users").set({ licenceMoments: false }).where("id", "=", agent.id).execute();
    const refused = await agent.client.get<ErrorBody>("/api/v1/moments/notifications");
    expect(refused.status).toBe(404);
    expect(refused.body.error).toMatchObject({ code: "moments_self_service_off", message: "Moments is not available to you: The Moments licence is off." });
    expect((await agent.client.get(`/api/v1/moments/notifications/${notification.id}`)).status).toBe(404);
    expect((await agent.client.get("/api/v1/moments/reports")).status).toBe(404);
    expect((await agent.client.get<MomentsAccess>("/api/v1/moments/access")).body).toMatchObject({ selfService: false, receive: false });
    await customerSays(testServer, conversation, "overdraft again");
    expect(await firingsOf(testServer, conversation.interactionId)).toHaveLength(1);

    const administrator = await momentsAgent(testServer);
    await testServer.database.db.updateTable("users").set({ licenceAdministration: true }).where("id", "=", administrator.id).execute();
    expect((await administrator.client.get<ErrorBody>("/api/v1/moments/notifications")).body.error.message).toMatch(/The Administration licence is on\./);
    const teamSupervisor = await momentsAgent(testServer, { teamIds: [teamId], teamRole: "supervisor" });
    expect((await teamSupervisor.client.get<ErrorBody>("/api/v1/moments/contents")).status).toBe(404);
  });

  it("lets admins manage every notification and supervisors those of their own and of the agents they manage", async () => {
    const agent = await momentsAgent(testServer);
    const outsider = await momentsAgent(testServer);
    const { notification: personal } = await ownItems(agent, "loan");
    const supervisor = await testServer.signedIn("supervisor");
    const otherSupervisor = await testServer.signedIn("supervisor");
    const queue = await testServer.database.db.insertInto("queues").values({ name: `Scope ${Date.now()}`, channel: "chat" }).returning("id").executeTakeFirstOrThrow();
    await testServer.database.db.insertInto("queueMembers").values([{ queueId: queue.id, userId: agent.id }, { queueId: queue.id, userId: supervisor.created.user.id }]).execute();
    const adminOwned = await createNotification(admin, { name: "Company-wide", criteria: { anyOf: ["fraud"] } });

    expect((await admin.get(`/api/v1/moments/notifications/${personal.id}`)).status).toBe(200);
    expect((await supervisor.client.get(`/api/v1/moments/notifications/${personal.id}`)).status).toBe(200);
    expect((await otherSupervisor.client.get(`/api/v1/moments/notifications/${personal.id}`)).status).toBe(404);
    expect((await supervisor.client.get(`/api/v1/moments/notifications/${adminOwned.id}`)).status).toBe(404);
    const outOfScope = await supervisor.client.post<ErrorBody>("/api/v1/moments/notifications", { name: "Reach", criteria: { anyOf: ["x"] }, targets: { agentIds: [outsider.id] } });
    expect(outOfScope.status).toBe(400);
    expect(outOfScope.body.error.details).toEqual([expect.objectContaining({ field: "targets.agentIds" })]);
    const own = await createNotification(supervisor.client, { name: "Team reach", criteria: { anyOf: ["x"] }, targets: { agentIds: [agent.id] } });
    expect(own.owner?.id).toBe(supervisor.created.user.id);
    const list = await supervisor.client.get<Page<MomentNotification>>("/api/v1/moments/notifications?pageSize=200");
    expect(list.body.items.map((item) => item.id).sort()).toEqual([personal.id, own.id].sort());
    expect((await admin.delete(`/api/v1/moments/notifications/${personal.id}`)).status).toBe(204);
  });

  it("tries a sample text against the criteria being edited and says why a notification would not fire", async () => {
    const tried = await admin.post<TryMomentsResponse>("/api/v1/moments/try", { text: "I want to cancel, it was already refunded", criteria: { anyOf: ["cancel*"], exclude: ["already refunded"] } });
    expect(tried.status).toBe(200);
    expect(tried.body.results[0]).toEqual({
      notificationId: null,
      name: "This notification",
      fires: false,
      reason: "An exclusion was said: already refunded.",
      matches: [
        { phrase: "cancel*", kind: "anyOf", start: 10, end: 16, matchedText: "cancel" },
        { phrase: "already refunded", kind: "exclude", start: 25, end: 41, matchedText: "already refunded" },
      ],
    });
    const fires = await admin.post<TryMomentsResponse>("/api/v1/moments/try", { text: "Cancellation please", criteria: { anyOf: ["cancel*"] } });
    expect(fires.body.results[0]).toMatchObject({ fires: true, reason: null });
  });
});
