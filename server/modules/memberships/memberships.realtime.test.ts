import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Team } from "../../../common/api/teams.ts";
import { addToQueue, createQueue, createTeam } from "../../test/group-factories.ts";
import type { TestClient } from "../../test/http-client.ts";
import { collectEvents, connectSocket, nextEvent, type TestSocket } from "../../test/socket-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe("memberships in real time", () => {
  let testServer: TestServer;
  let admin: TestClient;
  const sockets: TestSocket[] = [];
  const open = async (client: TestClient) => {
    const socket = await connectSocket(testServer.url, { cookie: client.cookie });
    sockets.push(socket);
    return socket;
  };

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

  it("pushes the new memberships to the agent's open desktop, which then hears its team's room", async () => {
    const team = await createTeam(admin);
    const agent = await testServer.signedIn("agent");
    const bystander = await testServer.signedIn("agent");
    const socket = await open(agent.client);
    const bystanderSocket = await open(bystander.client);
    const bystanderSaw = collectEvents(bystanderSocket, "agent.memberships_changed");

    const pushed = nextEvent(socket, "agent.memberships_changed");
    await admin.post(`/api/v1/teams/${team.id}/members`, { userIds: [agent.created.user.id], role: "member" });
    expect(await pushed).toEqual({
      agentId: agent.created.user.id,
      memberships: { agentId: agent.created.user.id, teams: [{ id: team.id, name: team.name, role: "member" }], queues: [], campaigns: [], lists: [] },
      change: { kind: "team", action: "added", groups: [{ id: team.id, name: team.name }] },
    });

    // team.updated goes to admins, supervisors and the team's room: the agent hears it only through the room.
    const renamed = nextEvent(socket, "team.updated");
    await admin.patch(`/api/v1/teams/${team.id}`, { name: `${team.name} renamed` });
    expect((await renamed).team).toMatchObject({ id: team.id, name: `${team.name} renamed` });
    expect(bystanderSaw).toEqual([]);

    const removed = nextEvent(socket, "agent.memberships_changed");
    await admin.delete(`/api/v1/teams/${team.id}/members/${agent.created.user.id}`);
    expect((await removed).memberships.teams).toEqual([]);
    await settle();
    const afterLeaving = collectEvents(socket, "team.updated");
    await admin.patch(`/api/v1/teams/${team.id}`, { description: "after" });
    await settle();
    expect(afterLeaving).toEqual([]);
  });

  it("joins a connecting socket to the rooms of the queues the user is already in", async () => {
    const queue = await createQueue(admin, { channel: "chat" });
    const agent = await testServer.signedIn("agent");
    await addToQueue(admin, queue.id, [agent.created.user.id]);
    const socket = await open(agent.client);
    const updated = nextEvent(socket, "queue.updated");
    await admin.patch(`/api/v1/queues/${queue.id}`, { timeoutSeconds: 120 });
    expect((await updated).queue).toMatchObject({ id: queue.id, timeoutSeconds: 120 });
  });

  it("tells every member of a deleted queue, and admins' consoles, at once", async () => {
    const queue = await createQueue(admin, { channel: "sms" });
    const agent = await testServer.signedIn("agent");
    const adminSocket = await open(admin);
    const socket = await open(agent.client);
    const added = nextEvent(socket, "agent.memberships_changed");
    const adminHeard = nextEvent(adminSocket, "agent.memberships_changed");
    await admin.post(`/api/v1/agents/${agent.created.user.id}/queues`, { channel: "sms" });
    expect((await added).memberships.queues.map((item) => item.id)).toContain(queue.id);
    expect((await adminHeard).agentId).toBe(agent.created.user.id);

    const deleted = nextEvent(adminSocket, "queue.deleted");
    const left = nextEvent(socket, "agent.memberships_changed");
    await admin.delete(`/api/v1/queues/${queue.id}`);
    expect(await deleted).toEqual({ queueId: queue.id });
    expect(await left).toMatchObject({ change: { kind: "queue", action: "removed", groups: [{ id: queue.id, name: queue.name }] } });
    expect((await left).memberships.queues.map((item) => item.id)).not.toContain(queue.id);
  });

  it("refreshes admins' consoles when a team, campaign or list is created", async () => {
    const adminSocket = await open(admin);
    const teamCreated = nextEvent(adminSocket, "team.created");
    const team: Team = await createTeam(admin);
    expect((await teamCreated).team.id).toBe(team.id);
    const campaignCreated = nextEvent(adminSocket, "campaign.created");
    const campaign = await admin.post<{ id: string }>("/api/v1/campaigns", { name: `Campaign ${team.name}` });
    expect((await campaignCreated).campaign.id).toBe(campaign.body.id);
    const listCreated = nextEvent(adminSocket, "list.created");
    const list = await admin.post<{ id: string }>("/api/v1/lists", { name: `List ${team.name}` });
    expect((await listCreated).list.id).toBe(list.body.id);
  });
});
