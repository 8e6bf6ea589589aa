import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoachingInbox, CoachingRead } from "../../../common/api/coaching.ts";
import type { CustomStatus } from "../../../common/api/presence.ts";
import type { Team } from "../../../common/api/teams.ts";
import { createTeam } from "../../test/group-factories.ts";
import type { TestClient } from "../../test/http-client.ts";
import { collectEvents, connectSocket, type TestSocket } from "../../test/socket-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";
import { ownPresenceWhen, waitForEvent } from "../presence/presence-events.test-support.ts";
import { addMembers, agentAtDesktop, expectStatus, sent, signedInAgent } from "./coaching.test-support.ts";

// product.md, Coaching messages, Delivery: each copy is stored before anything is pushed; online agents get it at
// once; agents offline or on a break get every missed message when they next sign in or come back.
describe("coaching delivery", () => {
  let testServer: TestServer;
  let admin: TestClient;
  let breakStatus: CustomStatus;
  let trainingStatus: CustomStatus;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    testServer = await startTestServer();
    admin = (await testServer.signedIn("admin")).client;
    breakStatus = expectStatus<CustomStatus>(await admin.post("/api/v1/custom-statuses", { name: "Break", pausesRouting: true }), 201, "creating Break");
    trainingStatus = expectStatus<CustomStatus>(await admin.post("/api/v1/custom-statuses", { name: "Training", pausesRouting: false }), 201, "creating Training");
  });
  afterAll(async () => {
    for (const socket of sockets) {
      socket.disconnect();
    }
    await testServer.close();
  });

  const inboxOf = async (client: TestClient) => expectStatus<CoachingInbox>(await client.get("/api/v1/coaching/inbox"), 200, "reading the inbox");
  const teamWith = async (userIds: string[]): Promise<Team> => {
    const team = await createTeam(admin);
    await addMembers(admin, `/api/v1/teams/${team.id}`, userIds);
    return team;
  };
  const copiesOf = (messageId: string) =>
    testServer.database.db.selectFrom("coachingRecipients").select(["agentId", "deliveredAt", "readAt", "clearedAt"]).where("messageId", "=", messageId).execute();

  it("stores a team message for every member and pushes it to the online ones at once", async () => {
    const first = await agentAtDesktop(testServer, sockets);
    const second = await agentAtDesktop(testServer, sockets);
    const offline = await signedInAgent(testServer);
    const team = await teamWith([first.id, second.id, offline.id]);
    const reachedFirst = waitForEvent(first.socket, "coaching_message.delivered", ({ messages }) => messages.some((message) => message.body === "Great calls today, team"));
    const reachedSecond = waitForEvent(second.socket, "coaching_message.delivered", ({ messages }) => messages.some((message) => message.body === "Great calls today, team"));

    const message = await sent(admin, "Great calls today, team", { kind: "group", groupKind: "team", groupId: team.id });

    expect(message).toMatchObject({ recipientCount: 3, deliveredCount: 2, target: { kind: "team", id: team.id, name: team.name } });
    const [firstPayload, secondPayload] = await Promise.all([reachedFirst, reachedSecond]);
    expect(firstPayload.messages).toEqual([{ id: message.id, body: "Great calls today, team", senderName: expect.any(String) as unknown, sentAt: message.sentAt, deliveredAt: message.sentAt, readAt: null }]);
    expect(secondPayload).toEqual(firstPayload);
    const copies = await copiesOf(message.id);
    expect(copies).toHaveLength(3);
    expect(copies.filter((copy) => copy.deliveredAt !== null).map((copy) => copy.agentId).sort()).toEqual([first.id, second.id].sort());
    expect(copies.find((copy) => copy.agentId === offline.id)?.deliveredAt).toBeNull();
  });

  it("gives an offline agent every missed message when they sign in", async () => {
    const agent = await signedInAgent(testServer);
    const first = await sent(admin, "Remember the new greeting", { kind: "agent", agentId: agent.id });
    const second = await sent(admin, "And smile on the phone", { kind: "agent", agentId: agent.id });
    expect(first.deliveredCount).toBe(0);

    const socket = await connectSocket(testServer.url, { cookie: agent.client.cookie });
    sockets.push(socket);
    // The missed messages may come while the socket is connecting: the inbox shows them either way, delivered.
    await ownPresenceWhen(socket, agent.client, agent.id, (presence) => presence.connected);
    await expect.poll(async () => (await copiesOf(first.id))[0]?.deliveredAt ?? null).not.toBeNull();
    const inbox = await inboxOf(agent.client);
    expect(inbox.items.map((item) => item.body)).toEqual(["Remember the new greeting", "And smile on the phone"]);
    expect(inbox.items.every((item) => item.deliveredAt !== null && item.readAt === null)).toBe(true);
    expect(inbox.unread).toBe(2);
    expect((await copiesOf(second.id))[0]?.deliveredAt).not.toBeNull();
  });

  it("holds messages for an agent on a break and delivers them together when they come back", async () => {
    const agent = await agentAtDesktop(testServer, sockets);
    expectStatus(await agent.client.request("PUT", "/api/v1/presence/me/status", { status: "custom", customStatusId: breakStatus.id }), 200, "going on a break");
    const pushed = collectEvents(agent.socket, "coaching_message.delivered");
    const first = await sent(admin, "Queue is long, back soon please", { kind: "agent", agentId: agent.id });
    const second = await sent(admin, "Thanks for covering earlier", { kind: "agent", agentId: agent.id });
    expect([first.deliveredCount, second.deliveredCount]).toEqual([0, 0]);
    // On the break the day's messages can still be opened: they are there, not yet delivered.
    expect((await inboxOf(agent.client)).items.map((item) => item.deliveredAt)).toEqual([null, null]);

    const caughtUp = waitForEvent(agent.socket, "coaching_message.delivered", () => true);
    expectStatus(await agent.client.request("PUT", "/api/v1/presence/me/status", { status: "ready" }), 200, "coming back");
    const payload = await caughtUp;
    expect(payload.messages.map((message) => message.id)).toEqual([first.id, second.id]);
    expect(pushed).toHaveLength(1);
    expect((await copiesOf(first.id))[0]?.deliveredAt).not.toBeNull();
  });

  it("pushes at once to an agent in a custom status that does not pause routing", async () => {
    const agent = await agentAtDesktop(testServer, sockets);
    expectStatus(await agent.client.request("PUT", "/api/v1/presence/me/status", { status: "custom", customStatusId: trainingStatus.id }), 200, "going to training");
    const reached = waitForEvent(agent.socket, "coaching_message.delivered", () => true);
    const message = await sent(admin, "Nice work in training", { kind: "agent", agentId: agent.id });
    expect(message.deliveredCount).toBe(1);
    expect((await reached).messages[0]?.body).toBe("Nice work in training");
  });

  it("marks only the agent's own copies read, tells their other tabs, and counts what is left unread", async () => {
    const agent = await agentAtDesktop(testServer, sockets);
    const colleague = await signedInAgent(testServer);
    const team = await teamWith([agent.id, colleague.id]);
    const shared = await sent(admin, "Team huddle at 3", { kind: "group", groupKind: "team", groupId: team.id });
    const mine = await sent(admin, "Please check your voicemail", { kind: "agent", agentId: agent.id });
    const otherTab = await connectSocket(testServer.url, { cookie: agent.client.cookie });
    sockets.push(otherTab);
    const told = waitForEvent(otherTab, "coaching_message.read", () => true);

    const read = expectStatus<CoachingRead>(await agent.client.post("/api/v1/coaching/inbox/read", { messageIds: [shared.id] }), 200, "marking read");

    expect(read).toMatchObject({ messageIds: [shared.id], unread: 1 });
    expect(await told).toEqual(read);
    expect(expectStatus(await agent.client.get("/api/v1/coaching/inbox/unread"), 200, "unread")).toEqual({ unread: 1 });
    // The colleague's copy of the same message is untouched, and marking it as the agent changes nothing of theirs.
    const colleagueCopy = (await copiesOf(shared.id)).find((copy) => copy.agentId === colleague.id);
    expect(colleagueCopy?.readAt).toBeNull();
    expect(expectStatus<CoachingInbox>(await colleague.client.get("/api/v1/coaching/inbox"), 200, "colleague's inbox").unread).toBe(1);
    const again = expectStatus<CoachingRead>(await agent.client.post("/api/v1/coaching/inbox/read", { messageIds: [shared.id, mine.id] }), 200, "marking read again");
    expect(again).toMatchObject({ messageIds: [mine.id], unread: 0 });
  });

  it("refuses a malformed read request naming messageIds", async () => {
    const agent = await signedInAgent(testServer);
    const empty = await agent.client.post<{ error: { details: { field: string }[] } }>("/api/v1/coaching/inbox/read", { messageIds: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0]?.field).toBe("messageIds");
    const notIds = await agent.client.post<{ error: { message: string } }>("/api/v1/coaching/inbox/read", { messageIds: ["nope"] });
    expect(notIds.status).toBe(400);
    expect(notIds.body.error.message).toMatch(/^messageIds\.0: /);
  });
});
