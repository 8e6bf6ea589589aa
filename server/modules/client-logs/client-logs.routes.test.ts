import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../../common/api/audit.ts";
import type { AgentClientLogSettings, ClientLogEntry, ClientLogLine, ClientLogSettings, ShipClientLogsResponse } from "../../../common/api/client-logs.ts";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { Page } from "../../../common/api/pagination.ts";
import { createQueueWithMembers } from "../../test/channels-factories.ts";
import { createUser } from "../../test/factories.ts";
import type { TestClient } from "../../test/http-client.ts";
import { connectSocket, nextEvent } from "../../test/socket-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";

function line(level: ClientLogLine["level"], message: string, secondsAgo = 0, context?: Record<string, unknown>): ClientLogLine {
  return { loggedAt: new Date(Date.now() - secondsAgo * 1000).toISOString(), level, message, ...(context ? { context } : {}) };
}

describe("client logs", () => {
  let testServer: TestServer;
  let admin: TestClient;

  beforeAll(async () => {
    testServer = await startTestServer();
    admin = (await testServer.signedIn("admin")).client;
  });
  afterAll(async () => {
    await testServer.close();
  });

  async function agentWithLogs(level: ClientLogLine["level"]) {
    const agent = await testServer.signedIn("agent");
    const settings = await admin.request<AgentClientLogSettings>("PUT", `/api/v1/agents/${agent.created.user.id}/client-logs/settings`, { enabled: true, level });
    expect(settings.status).toBe(200);
    return agent;
  }

  it("refuses lines while client logs are off, and tells the desktop when they are turned on", async () => {
    const agent = await testServer.signedIn("agent");
    expect((await agent.client.get<ClientLogSettings>("/api/v1/client-logs/settings")).body).toEqual({ enabled: false, level: "error" });
    const refused = await agent.client.post<ErrorBody>("/api/v1/client-logs", { lines: [line("error", "boom")] });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("client_logs_disabled");

    const socket = await connectSocket(testServer.url, { cookie: agent.client.cookie });
    try {
      const event = nextEvent(socket, "agent.client_logs_changed");
      await admin.request("PUT", `/api/v1/agents/${agent.created.user.id}/client-logs/settings`, { enabled: true, level: "info" });
      expect((await event).settings).toEqual({ agentId: agent.created.user.id, enabled: true, level: "info" });
    } finally {
      socket.disconnect();
    }
    expect((await agent.client.get<ClientLogSettings>("/api/v1/client-logs/settings")).body).toEqual({ enabled: true, level: "info" });
    const log = await admin.get<Page<AuditEntry>>(`/api/v1/audit?action=agent.client_logs_updated&entityId=${agent.created.user.id}`);
    expect(log.body.items[0]).toMatchObject({ before: { enabled: false, level: "error" }, after: { enabled: true, level: "info" } });
  });

  it("stores only the agent's own lines at or above their level", async () => {
    const agent = await agentWithLogs("warning");
    const other = await agentWithLogs("debug");
    const shipped = await agent.client.post<ShipClientLogsResponse>("/api/v1/client-logs", {
      lines: [line("error", "socket failed", 4, { attempt_count: 3 }), line("warning", "slow answer", 3), line("info", "opened inbox", 2), line("debug", "render", 1)],
    });
    expect(shipped.status).toBe(200);
    expect(shipped.body).toEqual({ accepted: 2, dropped: 2 });

    const listed = await admin.get<Page<ClientLogEntry>>(`/api/v1/agents/${agent.created.user.id}/client-logs`);
    expect(listed.body.total).toBe(2);
    expect(listed.body.items.map((entry) => [entry.level, entry.message])).toEqual([
      ["warning", "slow answer"],
      ["error", "socket failed"],
    ]);
    // The context comes back as sent, keys included.
    expect(listed.body.items[1]?.context).toEqual({ attempt_count: 3 });
    expect((await admin.get<Page<ClientLogEntry>>(`/api/v1/agents/${other.created.user.id}/client-logs`)).body.total).toBe(0);
  });

  it("filters by level and pages, newest first", async () => {
    const agent = await agentWithLogs("debug");
    const lines = Array.from({ length: 7 }, (_, index) => line(index % 2 === 0 ? "info" : "debug", `line ${index}`, 100 - index));
    await agent.client.post("/api/v1/client-logs", { lines });
    const path = `/api/v1/agents/${agent.created.user.id}/client-logs`;

    const infos = await admin.get<Page<ClientLogEntry>>(`${path}?level=info&pageSize=3`);
    expect(infos.body.total).toBe(4);
    expect(infos.body.items.map((entry) => entry.message)).toEqual(["line 6", "line 4", "line 2"]);
    const secondPage = await admin.get<Page<ClientLogEntry>>(`${path}?level=info&pageSize=3&page=2`);
    expect(secondPage.body.items.map((entry) => entry.message)).toEqual(["line 0"]);
    const badLevel = await admin.get<ErrorBody>(`${path}?level=verbose`);
    expect(badLevel.status).toBe(400);
    expect(badLevel.body.error.message).toMatch(/^level: one of error, warning, info, debug/);
  });

  it("downloads as text and as CSV with formula cells neutralised", async () => {
    const agent = await agentWithLogs("info");
    await agent.client.post("/api/v1/client-logs", {
      lines: [line("error", "=HYPERLINK(\"http://evil\")", 2), line("info", "two\nlines, \"quoted\"", 1, { queue: "sales" })],
    });
    const base = `${testServer.url}/api/v1/agents/${agent.created.user.id}/client-logs/download`;
    const headers = { cookie: admin.cookie ?? "" };

    const text = await fetch(`${base}?format=text`, { headers });
    expect(text.status).toBe(200);
    expect(text.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(text.headers.get("content-disposition")).toBe(`attachment; filename="client-logs-${agent.created.username}.txt"`);
    const textLines = (await text.text()).trimEnd().split("\n");
    expect(textLines).toHaveLength(2);
    expect(textLines[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z ERROR {3}=HYPERLINK/);
    expect(textLines[1]).toMatch(/INFO {4}two\\nlines, "quoted" \{"queue": "sales"\}$/);

    const csv = await fetch(`${base}?format=csv`, { headers });
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const body = await csv.text();
    expect(body.split("\r\n")[0]).toBe("Logged at,Level,Message,Context,Received at");
    expect(body).toContain(`,error,"'=HYPERLINK(""http://evil"")",,`);
    expect(body).toContain(`,info,"two\nlines, ""quoted""","{""queue"": ""sales""}",`);

    const errorsOnly = await fetch(`${base}?format=csv&level=error`, { headers });
    expect((await errorsOnly.text()).trimEnd().split("\r\n")).toHaveLength(2);
    const badFormat = await fetch(`${base}?format=xlsx`, { headers });
    expect(badFormat.status).toBe(400);
  });

  it("names the field of a refused batch", async () => {
    const agent = await agentWithLogs("debug");
    const cases: [unknown, RegExp][] = [
      [{ lines: [] }, /^lines: at least 1/],
      [{ lines: Array.from({ length: 201 }, () => line("info", "x")) }, /^lines: at most 200 per batch/],
      [{ lines: [{ ...line("info", "x"), level: "verbose" }] }, /^lines.0.level: one of/],
      [{ lines: [line("info", "ok"), { ...line("info", "x"), loggedAt: "yesterday" }] }, /^lines.1.loggedAt: an ISO 8601 date-time/],
      [{ lines: [line("info", "x".repeat(4001))] }, /^lines.0.message: at most 4000 characters/],
      [{ lines: [line("info", "")] }, /^lines.0.message: required/],
      [{ lines: [line("info", "x", 0, { blob: "y".repeat(5000) })] }, /^lines.0.context: at most 4000 characters/],
    ];
    for (const [body, message] of cases) {
      const response = await agent.client.post<ErrorBody>("/api/v1/client-logs", body);
      expect(response.status, message.source).toBe(400);
      expect(response.body.error.message, message.source).toMatch(message);
    }
    expect((await admin.get<Page<ClientLogEntry>>(`/api/v1/agents/${agent.created.user.id}/client-logs`)).body.total).toBe(0);
  });

  it("keeps logs to admins and the supervisors of the agent's queues", async () => {
    const supervisor = await testServer.signedIn("supervisor");
    const ownAgent = await createUser(testServer.server.services, "agent");
    const otherAgent = await createUser(testServer.server.services, "agent");
    await createQueueWithMembers(testServer.database.db, [supervisor.created.user.id, ownAgent.user.id]);

    expect((await supervisor.client.get(`/api/v1/agents/${ownAgent.user.id}/client-logs`)).status).toBe(200);
    expect((await supervisor.client.request("PUT", `/api/v1/agents/${ownAgent.user.id}/client-logs/settings`, { enabled: true })).status).toBe(200);
    for (const path of ["client-logs", "client-logs/settings", "client-logs/download"]) {
      expect((await supervisor.client.get(`/api/v1/agents/${otherAgent.user.id}/${path}`)).status, path).toBe(404);
    }
    const agent = await testServer.signedIn("agent");
    expect((await agent.client.get(`/api/v1/agents/${agent.created.user.id}/client-logs`)).status).toBe(403);
    expect((await supervisor.client.post("/api/v1/client-logs", { lines: [line("error", "x")] })).status).toBe(403);
  });
});
