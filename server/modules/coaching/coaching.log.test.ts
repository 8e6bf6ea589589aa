import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoachingLogEntry, CoachingLogRecipient } from "../../../common/api/coaching.ts";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { Page } from "../../../common/api/pagination.ts";
import { createTeam } from "../../test/group-factories.ts";
import type { TestClient } from "../../test/http-client.ts";
import { ManualClock } from "../../test/manual-clock.ts";
import type { TestSocket } from "../../test/socket-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";
import { addMembers, agentAtDesktop, expectStatus, sent, signedInAgent } from "./coaching.test-support.ts";

// product.md, Coaching messages: "Every message stays in a permanent log that admins can read" — with sender,
// recipients, group used, delivered and read times; searched by sender, agent, date and text; exported as CSV.
describe("coaching log", () => {
  let testServer: TestServer;
  let admin: TestClient;
  const clock = new ManualClock(new Date("2026-06-01T08:00:00Z"));
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    testServer = await startTestServer({ clock, config: { coachingClearDownCheckSeconds: 3600, sessionIdleMinutes: 10_080, sessionMaxHours: 720 } });
    admin = (await testServer.signedIn("admin")).client;
  });
  afterAll(async () => {
    for (const socket of sockets) {
      socket.disconnect();
    }
    await testServer.close();
  });

  const logOf = async (client: TestClient, query: string) => expectStatus<Page<CoachingLogEntry>>(await client.get(`/api/v1/coaching/log?${query}`), 200, `reading the log ${query}`);
  const unique = (text: string) => `${text} ${Math.random().toString(36).slice(2, 8)}`;

  it("keeps every message with its sender, group, recipients and their delivered and read times", async () => {
    const reader = await agentAtDesktop(testServer, sockets);
    const away = await signedInAgent(testServer);
    const team = await createTeam(admin);
    await addMembers(admin, `/api/v1/teams/${team.id}`, [reader.id, away.id]);
    const body = unique("Log me");
    const message = await sent(admin, body, { kind: "group", groupKind: "team", groupId: team.id, filters: { status: "active" } });
    expectStatus(await reader.client.post("/api/v1/coaching/inbox/read", { messageIds: [message.id] }), 200, "reading");

    const page = await logOf(admin, `text=${encodeURIComponent(body)}`);
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({
      id: message.id,
      body,
      sender: { username: expect.stringMatching(/^admin_/) as unknown },
      target: { kind: "team", id: team.id, name: team.name },
      filters: { status: "active" },
      recipientCount: 2,
      deliveredCount: 1,
      readCount: 1,
    });
    const recipients = expectStatus<Page<CoachingLogRecipient>>(await admin.get(`/api/v1/coaching/log/${message.id}/recipients`), 200, "recipients");
    expect(recipients.total).toBe(2);
    const byId = new Map(recipients.items.map((recipient) => [recipient.agentId, recipient]));
    expect(byId.get(reader.id)).toMatchObject({ fullName: reader.fullName, deliveredAt: message.sentAt, readAt: clock.now().toISOString(), clearedAt: null });
    expect(byId.get(away.id)).toMatchObject({ fullName: away.fullName, deliveredAt: null, readAt: null });
  });

  it("searches by sender, agent, text and date range", async () => {
    const supervisor = await testServer.signedIn("supervisor");
    const queueAgent = await signedInAgent(testServer);
    const queue = expectStatus<{ id: string }>(await admin.post("/api/v1/queues", { name: unique("Searchable queue"), channel: "voice" }), 201, "queue");
    await addMembers(admin, `/api/v1/queues/${queue.id}`, [supervisor.created.user.id, queueAgent.id]);
    clock.advanceMinutes(24 * 60);
    const dayTwo = clock.now();
    const topic = unique("Topic");
    const bySupervisor = await sent(supervisor.client, `${topic} from the supervisor`, { kind: "agent", agentId: queueAgent.id });
    clock.advanceMinutes(24 * 60);
    const byAdmin = await sent(admin, `${topic} from the admin`, { kind: "agent", agentId: queueAgent.id });

    const ids = (page: Page<CoachingLogEntry>) => page.items.map((entry) => entry.id);
    expect(ids(await logOf(admin, `text=${encodeURIComponent(topic)}`))).toEqual([byAdmin.id, bySupervisor.id]);
    expect(ids(await logOf(admin, `text=${encodeURIComponent(topic)}&sender=${encodeURIComponent(supervisor.created.username)}`))).toEqual([bySupervisor.id]);
    expect(ids(await logOf(admin, `agent=${encodeURIComponent(queueAgent.fullName)}`))).toEqual([byAdmin.id, bySupervisor.id]);
    const from = encodeURIComponent(dayTwo.toISOString());
    const to = encodeURIComponent(new Date(dayTwo.getTime() + 60 * 60_000).toISOString());
    expect(ids(await logOf(admin, `text=${encodeURIComponent(topic)}&from=${from}&to=${to}`))).toEqual([bySupervisor.id]);
    // A search text is taken literally: % and _ match themselves.
    expect((await logOf(admin, "text=%25%25%25")).total).toBe(0);
  });

  it("refuses bad filters naming the field, and the log to supervisors and agents", async () => {
    const bad = await admin.get<ErrorBody>("/api/v1/coaching/log?from=yesterday");
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^from: /);
    const supervisor = await testServer.signedIn("supervisor");
    expect((await supervisor.client.get("/api/v1/coaching/log")).status).toBe(403);
    expect((await supervisor.client.get("/api/v1/coaching/log/export.csv")).status).toBe(403);
    const agent = await testServer.signedIn("agent");
    expect((await agent.client.get("/api/v1/coaching/log")).status).toBe(403);
  });

  it("answers 404 for the recipients of an unknown message", async () => {
    const response = await admin.get<ErrorBody>("/api/v1/coaching/log/00000000-0000-4000-8000-000000000000/recipients");
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe("coaching_message_not_found");
  });

  it("exports the matching log as CSV, one line per agent's copy, formulas neutralised", async () => {
    const first = await signedInAgent(testServer);
    const second = await signedInAgent(testServer);
    const team = await createTeam(admin);
    await addMembers(admin, `/api/v1/teams/${team.id}`, [first.id, second.id]);
    const topic = unique("Export");
    await sent(admin, `${topic}, "quoted", with a comma`, { kind: "group", groupKind: "team", groupId: team.id });
    clock.advanceMinutes(1);
    await sent(admin, `=${topic} formula`, { kind: "agent", agentId: first.id });

    const response = await admin.get<string>(`/api/v1/coaching/log/export.csv?text=${encodeURIComponent(topic)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="coaching-log-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = response.body.trimEnd().split("\r\n");
    expect(lines[0]).toBe("Sent at,Sender,Sender username,Sent to,Agent or group,Filters,Message,Recipient,Recipient username,Delivered at,Read at,Cleared from view at,Message id");
    expect(lines).toHaveLength(4);
    // Newest message first: the single-agent one, its formula neutralised.
    expect(lines[1]).toContain(`'=${topic} formula`);
    expect(lines.slice(2).every((line) => line.includes(`"${topic}, ""quoted"", with a comma"`) && line.includes(`,Team,${team.name},`))).toBe(true);
    expect(lines.slice(2).map((line) => (line.includes(first.fullName) ? "first" : line.includes(second.fullName) ? "second" : "?")).sort()).toEqual(["first", "second"]);

    const onlySecond = await admin.get<string>(`/api/v1/coaching/log/export.csv?text=${encodeURIComponent(topic)}&agent=${encodeURIComponent(second.fullName)}`);
    expect(onlySecond.body.trimEnd().split("\r\n")).toHaveLength(2);
  });

  it("exports a message to more agents than one batch holds, every copy once", async () => {
    const agents = await testServer.database.db
      .insertInto("users")
      .values(Array.from({ length: 5_050 }, (_, index) => ({ username: `coaching_export_${index}_${Math.random().toString(36).slice(2, 6)}`, fullName: `Export Agent ${index}`, role: "agent" as const, passwordHash: "not-a-hash" })))
      .returning("id")
      .execute();
    const team = await createTeam(admin);
    await testServer.database.db.insertInto("teamMembers").values(agents.map((agent) => ({ teamId: team.id, userId: agent.id }))).execute();
    const topic = unique("Everyone");
    const message = await sent(admin, topic, { kind: "group", groupKind: "team", groupId: team.id });
    expect(message.recipientCount).toBe(5_050);

    const csv = await admin.get<string>(`/api/v1/coaching/log/export.csv?text=${encodeURIComponent(topic)}`);
    const lines = csv.body.trimEnd().split("\r\n").slice(1);
    expect(lines).toHaveLength(5_050);
    expect(new Set(lines.map((line) => /,(coaching_export_[^,]+),/.exec(line)?.[1])).size).toBe(5_050);
  });
});
