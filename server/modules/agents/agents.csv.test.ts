import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test/test-server.ts";
import { neutraliseCell } from "./agents.csv.ts";

describe("CSV cells", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+39 055 123", "'+39 055 123"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tindent", "'\tindent"],
    ["\rreturn", "'\rreturn"],
    ["Ada = Countess", "Ada = Countess"],
    ["", ""],
    ["1001", "1001"],
  ])("neutralises %j as %j", (cell, expected) => {
    expect(neutraliseCell(cell)).toBe(expected);
  });
});

describe("CSV export of many agents", () => {
  let testServer: TestServer;

  beforeAll(async () => {
    testServer = await startTestServer();
  });
  afterAll(async () => {
    await testServer.close();
  });

  it("reads the agents in batches and writes each exactly once, in username order", async () => {
    const count = 1234;
    const rows = Array.from({ length: count }, (_, index) => ({
      username: `bulk_${String(index).padStart(5, "0")}`,
      fullName: `Bulk ${index}`,
      role: "agent" as const,
      passwordHash: "not-a-real-hash",
      extension: String(50_000 + index),
    }));
    await testServer.database.db.insertInto("users").values(rows).execute();
    const { client } = await testServer.signedIn("admin");

    const response = await fetch(`${testServer.url}/api/v1/agents/export.csv`, { headers: { cookie: client.cookie ?? "" } });
    const lines = (await response.text()).split("\r\n");
    expect(lines.at(-1)).toBe("");
    const usernames = lines.slice(1, -1).map((line) => line.split(",")[0]);
    expect(usernames).toHaveLength(count);
    expect(usernames).toEqual(rows.map((row) => row.username));
  });
});
