import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentSummary } from "../../../common/api/agents.ts";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { Page } from "../../../common/api/pagination.ts";
import { addToQueue, addToTeam, createAgent, insertQueue, insertTeam } from "../../test/agent-factories.ts";
import type { TestClient } from "../../test/http-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";

// One server per file, with its own agents: every list here sees exactly the agents made in beforeAll.
describe("agents list: search, filters, sort and pages; CSV export", () => {
  let testServer: TestServer;
  let admin: TestClient;
  let teamId: string;
  let queueId: string;
  const ids: Record<string, string> = {};

  const list = async (query: string) => admin.get<Page<AgentSummary>>(`/api/v1/agents?${query}`);
  const usernames = (page: Page<AgentSummary>) => page.items.map((agent) => agent.username);

  beforeAll(async () => {
    testServer = await startTestServer();
    admin = (await testServer.signedIn("admin")).client;
    const db = testServer.database.db;
    teamId = await insertTeam(db);
    queueId = await insertQueue(db);
    const specs = [
      { username: "ada", fullName: "Ada Lovelace", alias: "Countess", extension: "2001", typology: "webrtc" },
      { username: "grace", fullName: "Grace Hopper", email: "grace@navy.example", extension: "999", typology: "phonebar" },
      { username: "alan", fullName: "alan turing", extension: "1500", typology: "external", description: "=HYPERLINK(\"http://evil\")" },
      { username: "edsger", fullName: "Edsger Dijkstra", extension: "1501", typology: "webrtc", alias: "+dijkstra" },
      { username: "barbara_l", fullName: "Barbara Liskov", alias: "100% Liskov", extension: "3000", typology: "phonebar" },
    ];
    for (const spec of specs) {
      ids[spec.username] = (await createAgent(admin, spec)).id;
    }
    await addToTeam(db, teamId, ids.ada ?? "", ids.grace ?? "");
    await addToQueue(db, queueId, ids.grace ?? "", ids.alan ?? "");
    await testServer.server.services.users.setDisabled(ids.edsger ?? "", true);
  });
  afterAll(async () => {
    await testServer.close();
  });

  it("lists every agent, sorted by full name ignoring case, with the total", async () => {
    const page = await list("");
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(5);
    expect(usernames(page.body)).toEqual(["ada", "alan", "barbara_l", "edsger", "grace"]);
  });

  it.each([
    ["search=LOVE", ["ada"]],
    ["search=countess", ["ada"]],
    ["search=navy.example", ["grace"]],
    ["search=150", ["alan", "edsger"]],
    ["search=100%25", ["barbara_l"]],
    ["search=_", ["barbara_l"]],
    ["typology=phonebar", ["barbara_l", "grace"]],
    [`teamId=TEAM`, ["ada", "grace"]],
    [`queueId=QUEUE`, ["alan", "grace"]],
    [`queueId=QUEUE&typology=external`, ["alan"]],
    ["status=disabled", ["edsger"]],
    ["status=active&search=a", ["ada", "alan", "barbara_l", "grace"]],
    ["status=locked", []],
  ])("filters with %s", async (query, expected) => {
    const page = await list(query.replace("TEAM", teamId).replace("QUEUE", queueId));
    expect(usernames(page.body)).toEqual(expected);
    expect(page.body.total).toBe(expected.length);
  });

  it.each([
    ["sort=username&order=desc", ["grace", "edsger", "barbara_l", "alan", "ada"]],
    ["sort=extension", ["grace", "alan", "edsger", "ada", "barbara_l"]],
    ["sort=extension&order=desc", ["barbara_l", "ada", "edsger", "alan", "grace"]],
    ["sort=createdAt", ["ada", "grace", "alan", "edsger", "barbara_l"]],
  ])("sorts with %s", async (query, expected) => {
    expect(usernames((await list(query)).body)).toEqual(expected);
  });

  it("pages through the results", async () => {
    const second = await list("sort=username&pageSize=2&page=2");
    expect(second.body).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(usernames(second.body)).toEqual(["barbara_l", "edsger"]);
    expect(usernames((await list("sort=username&pageSize=2&page=3")).body)).toEqual(["grace"]);
  });

  it.each([
    ["sort=password", "sort: one of fullName, username, extension, createdAt"],
    ["status=gone", "status: one of active, disabled, locked"],
    ["teamId=abc", "teamId: a team id"],
    ["pageSize=1000", "pageSize: at most 200"],
  ])("refuses %s with a 400 naming the parameter", async (query, message) => {
    const response = await admin.get<ErrorBody>(`/api/v1/agents?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(message);
  });

  it("exports all matching agents as an RFC 4180 CSV attachment, formulas neutralised", async () => {
    const response = await fetch(`${testServer.url}/api/v1/agents/export.csv?typology=external`, { headers: { cookie: admin.cookie ?? "" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="agents-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await response.text()).split("\r\n");
    expect(lines[0]).toBe("Username,Full name,Alias,Email,Extension,Typology,Status,Login in pause,Toast position,Teams,Queues,Description,Created at,Last sign-in,Password changed at,Id");
    expect(lines[1]).toMatch(/^alan,alan turing,,,1500,external,active,no,top-right,,Queue [^,]+,"'=HYPERLINK\(""http:\/\/evil""\)",/);
    expect(lines.slice(2)).toEqual([""]);
  });

  it("exports the selected agents, in username order, with their teams and queues", async () => {
    const selected = [ids.grace, ids.edsger].join(",");
    const response = await fetch(`${testServer.url}/api/v1/agents/export.csv?agentIds=${selected}`, { headers: { cookie: admin.cookie ?? "" } });
    const rows = (await response.text()).trim().split("\r\n").slice(1);
    expect(rows.map((row) => row.split(",")[0])).toEqual(["edsger", "grace"]);
    expect(rows[0]).toContain(",'+dijkstra,");
    expect(rows[0]).toContain(",disabled,");
    expect(rows[1]).toMatch(/,Team [^,]+,Queue [^,]+,/);
  });

  it("refuses an export of unknown agents or a malformed selection before sending anything", async () => {
    const unknown = await admin.get<ErrorBody>("/api/v1/agents/export.csv?agentIds=00000000-0000-4000-8000-000000000000");
    expect(unknown.status).toBe(404);
    const malformed = await admin.get<ErrorBody>("/api/v1/agents/export.csv?agentIds=1,2");
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toBe("agentIds.0: not an agent id; agentIds.1: not an agent id");
  });

  // Last: it changes an agent the other tests count on.
  it("finds an agent by what it was just changed to", async () => {
    expect(usernames((await list("search=Amazing")).body)).toEqual([]);
    await admin.patch(`/api/v1/agents/${ids.grace ?? ""}`, { alias: "Amazing Grace", extension: "4242" });
    expect(usernames((await list("search=amazing")).body)).toEqual(["grace"]);
    expect(usernames((await list("search=4242")).body)).toEqual(["grace"]);
  });
});
