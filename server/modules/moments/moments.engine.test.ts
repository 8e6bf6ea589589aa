import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { Moment, MomentContent } from "../../../common/api/moments.ts";
import { TestClient } from "../../test/http-client.ts";
import { connectSocket, nextEvent, type TestSocket } from "../../test/socket-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";
import { createNotification, customerSays, firingsOf, momentsAgent, newTeam, openConversation, settle } from "./moments.test-support.ts";

describe("moments at run time", () => {
  let testServer: TestServer;
  let admin: TestClient;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    testServer = await startTestServer();
    admin = (await testServer.signedIn("admin")).client;
  });
  afterAll(async () => {
    for (const socket of sockets) {
      socket.disconnect();
    }
    await testServer.close();
  });

  async function socketOf(client: TestClient): Promise<TestSocket> {
    const socket = await connectSocket(testServer.url, { cookie: client.cookie });
    sockets.push(socket);
    return socket;
  }

  const routing = () => testServer.server.services.routing;
  const actorFor = (agentId: string) => ({ requestId: "test", principal: { via: "token" as const, tokenId: "test", user: { id: agentId, username: "agent", fullName: "Agent", role: "agent" as const } as never } });

  it("pushes the notification and its sanitised content to the owning agent at once, and records the firing", async () => {
    const teamId = await newTeam(testServer);
    const agent = await momentsAgent(testServer, { teamIds: [teamId] });
    const content = await admin.post<MomentContent>("/api/v1/moments/contents", {
      title: "Retention offer",
      bodyHtml: '<p onclick="steal()">Offer <strong>20% off</strong><script>alert(1)</script> <a href="javascript:alert(1)">here</a> <a href="https://example.com/offer">offer</a></p>',
      links: [{ label: "Script", url: "https://example.com/script" }],
    });
    expect(content.status).toBe(201);
    expect(content.body.bodyHtml).toBe('<p>Offer <strong>20% off</strong> <a target="_blank" rel="noopener noreferrer">here</a> <a href="https://example.com/offer" target="_blank" rel="noopener noreferrer">offer</a></p>');
    await createNotification(admin, { name: "Cancellation risk", description: "Offer the retention deal.", criteria: { anyOf: ["cancel* my subscription"] }, targets: { teamIds: [teamId] }, contentIds: [content.body.id] });
    const conversation = await openConversation(testServer, agent.id);
    const socket = await socketOf(agent.client);

    const fired = nextEvent(socket, "moment.fired");
    await customerSays(testServer, conversation, "Hi, I want to CANCEL my subscripton today!");
    const { moment } = await fired;
    expect(moment).toMatchObject({
      notificationName: "Cancellation risk",
      description: "Offer the retention deal.",
      interactionId: conversation.interactionId,
      agentId: agent.id,
      source: "message",
      speaker: "customer",
      phrase: "cancel* my subscription",
      matchedText: "CANCEL my subscripton",
      contents: [{ id: content.body.id, title: "Retention offer", bodyHtml: content.body.bodyHtml, links: [{ label: "Script", url: "https://example.com/script" }] }],
      dismissedAt: null,
      helpful: null,
    });
    expect(await firingsOf(testServer, conversation.interactionId)).toEqual([{ notificationName: "Cancellation risk", phrase: "cancel* my subscription", matchedText: "CANCEL my subscripton", agentId: agent.id, source: "message" }]);
    const listed = await agent.client.get<{ items: Moment[] }>(`/api/v1/moments?interactionId=${conversation.interactionId}`);
    expect(listed.body.items.map((item) => item.id)).toEqual([moment.id]);
  });

  it("fires once per conversation by default, and at every match after the cool-down when asked", async () => {
    const agent = await momentsAgent(testServer);
    await createNotification(admin, { name: "Once", criteria: { anyOf: ["escalate"] }, targets: { agentIds: [agent.id] } });
    await createNotification(admin, { name: "Every time", criteria: { anyOf: ["escalate"], frequency: { kind: "every", cooldownSeconds: 0 } }, targets: { agentIds: [agent.id] } });
    await createNotification(admin, { name: "Hourly", criteria: { anyOf: ["escalate"], frequency: { kind: "every", cooldownSeconds: 3600 } }, targets: { agentIds: [agent.id] } });
    const conversation = await openConversation(testServer, agent.id);
    for (const body of ["Please escalate.", "ESCALATE now", "I said escalate!"]) {
      await customerSays(testServer, conversation, body);
    }
    const names = (await firingsOf(testServer, conversation.interactionId)).map((firing) => firing.notificationName).sort();
    expect(names).toEqual(["Every time", "Every time", "Every time", "Hourly", "Once"]);
  });

  it("waits for every all-of phrase in the same conversation and stays silent once an exclusion was said", async () => {
    const agent = await momentsAgent(testServer);
    await createNotification(admin, { name: "Refund with order", criteria: { anyOf: ["refund"], allOf: ["order number"] }, targets: { agentIds: [agent.id] } });
    await createNotification(admin, { name: "Refund not yet done", criteria: { anyOf: ["refund"], exclude: ["already refunded"] }, targets: { agentIds: [agent.id] } });
    const conversation = await openConversation(testServer, agent.id);
    await customerSays(testServer, conversation, "It was already refunded once, but I need a refund.");
    expect(await firingsOf(testServer, conversation.interactionId)).toEqual([]);
    await customerSays(testServer, conversation, "My order number is 1042.");
    expect(await firingsOf(testServer, conversation.interactionId)).toEqual([]);
    await customerSays(testServer, conversation, "So, the refund?");
    expect((await firingsOf(testServer, conversation.interactionId)).map((firing) => firing.notificationName)).toEqual(["Refund with order"]);

    const other = await openConversation(testServer, agent.id);
    await customerSays(testServer, other, "My order number is 7 and I want a refund");
    expect((await firingsOf(testServer, other.interactionId)).map((firing) => firing.notificationName).sort()).toEqual(["Refund not yet done", "Refund with order"]);
  });

  it("listens to the speaker, channels and queues it is set for", async () => {
    const agent = await momentsAgent(testServer);
    const conversation = await openConversation(testServer, agent.id);
    await createNotification(admin, { name: "Agent apologises", criteria: { anyOf: ["sorry"], speaker: "agent" }, targets: { agentIds: [agent.id] } });
    await createNotification(admin, { name: "On SMS", criteria: { anyOf: ["sorry"], channels: ["sms"] }, targets: { agentIds: [agent.id] } });
    const otherQueue = (await testServer.database.db.insertInto("queues").values({ name: `Other ${Date.now()}`, channel: "chat" }).returning("id").executeTakeFirstOrThrow()).id;
    await createNotification(admin, { name: "Other queue", criteria: { anyOf: ["sorry"], queueIds: [otherQueue] }, targets: { agentIds: [agent.id] } });
    await createNotification(admin, { name: "This queue", criteria: { anyOf: ["sorry"], queueIds: [conversation.queueId], speaker: "customer" }, targets: { agentIds: [agent.id] } });

    await customerSays(testServer, conversation, "Sorry, one more thing");
    expect((await firingsOf(testServer, conversation.interactionId)).map((firing) => firing.notificationName)).toEqual(["This queue"]);
    await routing().reply(actorFor(agent.id), conversation.interactionId, "I'm so sorry about that.");
    await settle(testServer);
    const firings = await firingsOf(testServer, conversation.interactionId);
    expect(firings.map((firing) => firing.notificationName)).toEqual(["This queue", "Agent apologises"]);
  });

  it("reaches the agents it targets (teams and agents, minus the excluded), never one whose Moments licence is off", async () => {
    const teamId = await newTeam(testServer);
    const [member, excluded, outsider, unlicensed, direct] = await Promise.all([
      momentsAgent(testServer, { teamIds: [teamId] }),
      momentsAgent(testServer, { teamIds: [teamId] }),
      momentsAgent(testServer),
      momentsAgent(testServer, { teamIds: [teamId], licence: false }),
      momentsAgent(testServer),
    ]);
    await createNotification(admin, { name: "Targeted", criteria: { anyOf: ["lawyer"] }, targets: { teamIds: [teamId], agentIds: [direct.id], excludedAgentIds: [excluded.id] } });
    const fired: string[] = [];
    for (const agent of [member, excluded, outsider, unlicensed, direct]) {
      const conversation = await openConversation(testServer, agent.id);
      await customerSays(testServer, conversation, "I will call my lawyer.");
      fired.push(...(await firingsOf(testServer, conversation.interactionId)).map((firing) => firing.agentId ?? ""));
    }
    expect(fired.sort()).toEqual([member.id, direct.id].sort());
  });

  it("matches what the customer said before the agent accepted, once accepted", async () => {
    const agent = await momentsAgent(testServer);
    await createNotification(admin, { name: "Opening complaint", criteria: { anyOf: ["complaint"] }, targets: { agentIds: [agent.id] } });
    const conversation = await openConversation(testServer, agent.id, { firstMessage: "I have a complaint about my bill" });
    expect((await firingsOf(testServer, conversation.interactionId)).map((firing) => firing.matchedText)).toEqual(["complaint"]);
  });

  it("matches transcript segments an integration posts with an admin's token; agents may not post them", async () => {
    const agent = await momentsAgent(testServer);
    await createNotification(admin, { name: "Supervisor asked", criteria: { anyOf: ["supervisor"] }, targets: { agentIds: [agent.id] } });
    const conversation = await openConversation(testServer, agent.id, { channel: "voice" });
    const token = await admin.post<{ secret: string; token: string }>("/api/v1/auth/tokens", { name: "Speech to text" });
    expect(token.status).toBe(201);
    const integration = TestClient.withToken(testServer.url, token.body.secret ?? token.body.token);
    const posted = await integration.post<{ segmentId: string; moments: number }>(`/api/v1/interactions/${conversation.interactionId}/transcript`, { speaker: "customer", text: "Let me talk to your supervisr", startOffsetMs: 1200, endOffsetMs: 2900 });
    expect(posted.status).toBe(202);
    expect(posted.body.moments).toBe(1);
    expect((await firingsOf(testServer, conversation.interactionId)).map((firing) => [firing.source, firing.matchedText])).toEqual([["transcript", "supervisr"]]);

    expect((await agent.client.post(`/api/v1/interactions/${conversation.interactionId}/transcript`, { speaker: "customer", text: "hello" })).status).toBe(403);
    const invalid = await integration.post<ErrorBody>(`/api/v1/interactions/${conversation.interactionId}/transcript`, { speaker: "robot", text: "" });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: "speaker" }), expect.objectContaining({ field: "text" })]));
    expect((await integration.post(`/api/v1/interactions/00000000-0000-4000-8000-000000000000/transcript`, { speaker: "agent", text: "hi" })).status).toBe(404);
  });

  it("fires 'not mentioned within N seconds' from its database deadline when the phrase was not said, and not when it was", async () => {
    const agent = await momentsAgent(testServer);
    await createNotification(admin, { name: "Greeting missed", criteria: { notMentioned: { phrases: ["thank you for contacting"], withinSeconds: 30 }, speaker: "agent" }, targets: { agentIds: [agent.id] } });
    const greeted = await openConversation(testServer, agent.id);
    const silent = await openConversation(testServer, agent.id);
    const deadlines = () => testServer.database.db.selectFrom("momentDeadlines").select("interactionId").where("agentId", "=", agent.id).execute();
    expect((await deadlines()).length).toBe(2);
    await routing().reply(actorFor(agent.id), greeted.interactionId, "Thank you for contacting us!");
    await settle(testServer);
    expect((await deadlines()).map((row) => row.interactionId)).toEqual([silent.interactionId]);

    // Not due yet: nothing fires. Then the time passes (the row's due time, as after a restart).
    expect(await testServer.server.services.momentsEngine.runDueDeadlines()).toEqual([]);
    await sql`update moment_deadlines set due_at = now() - interval '1 second' where agent_id = ${agent.id}`.execute(testServer.database.db);
    const fired = await testServer.server.services.momentsEngine.runDueDeadlines();
    expect(fired.map((moment) => [moment.notificationName, moment.interactionId, moment.source])).toEqual([["Greeting missed", silent.interactionId, "deadline"]]);
    expect(await deadlines()).toEqual([]);
    expect(await firingsOf(testServer, greeted.interactionId)).toEqual([]);
  });

  it("sends a copy to the agent's supervisors when the notification asks", async () => {
    const agent = await momentsAgent(testServer);
    const supervisor = await testServer.signedIn("supervisor");
    const conversation = await openConversation(testServer, agent.id);
    await testServer.database.db.insertInto("queueMembers").values({ queueId: conversation.queueId, userId: supervisor.created.user.id }).execute();
    await createNotification(admin, { name: "Threat", criteria: { anyOf: ["sue"] }, targets: { agentIds: [agent.id], notifySupervisors: true } });
    const socket = await socketOf(supervisor.client);
    const fired = nextEvent(socket, "moment.fired");
    await customerSays(testServer, conversation, "I will sue you");
    expect((await fired).moment).toMatchObject({ notificationName: "Threat", agentId: agent.id });
  });

  it("lets the agent dismiss a moment or mark it helpful, in all their tabs; nobody else can", async () => {
    const agent = await momentsAgent(testServer);
    const other = await momentsAgent(testServer);
    await createNotification(admin, { name: "Billing", criteria: { anyOf: ["invoice"] }, targets: { agentIds: [agent.id] } });
    const conversation = await openConversation(testServer, agent.id);
    await customerSays(testServer, conversation, "Where is my invoice?");
    const [moment] = (await agent.client.get<{ items: Moment[] }>(`/api/v1/moments?interactionId=${conversation.interactionId}`)).body.items;
    expect(moment).toBeDefined();
    const socket = await socketOf(agent.client);
    const updated = nextEvent(socket, "moment.updated");
    const helpful = await agent.client.patch<Moment>(`/api/v1/moments/${moment?.id}`, { helpful: true, dismissed: true });
    expect(helpful.status).toBe(200);
    expect(helpful.body).toMatchObject({ helpful: true, dismissedAt: expect.any(String) as string });
    expect((await updated).moment.helpful).toBe(true);
    expect((await other.client.patch(`/api/v1/moments/${moment?.id}`, { helpful: false })).status).toBe(404);
    expect((await other.client.get<{ items: Moment[] }>(`/api/v1/moments?interactionId=${conversation.interactionId}`)).body.items).toEqual([]);
  });

  it("matches notifications made through another server process (the version row) on the same database", async () => {
    const second = await startTestServer({ database: testServer.database });
    try {
      const agent = await momentsAgent(testServer);
      const conversation = await openConversation(testServer, agent.id);
      await customerSays(testServer, conversation, "warm up the matcher");
      const secondAdmin = (await second.signedIn("admin")).client;
      await createNotification(secondAdmin, { name: "Made elsewhere", criteria: { anyOf: ["chargeback"] }, targets: { agentIds: [agent.id] } });
      await customerSays(testServer, conversation, "I'll file a chargeback");
      expect((await firingsOf(testServer, conversation.interactionId)).map((firing) => firing.notificationName)).toEqual(["Made elsewhere"]);
    } finally {
      await second.close();
    }
  });
});
