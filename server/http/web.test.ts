import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorBody } from "../../common/api/errors.ts";
import { loadConfig } from "../config.ts";
import { startServer, type RunningServer } from "../server.ts";
import { createTestDatabase } from "../test/test-database.ts";
import type { DatabaseHandle } from "../db/database.ts";

// The server with a web build: pages and the page router's paths get index.html; the API keeps its JSON errors.
describe("serving the web app", () => {
  let directory: string;
  let database: DatabaseHandle;
  let server: RunningServer;

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), "switchboard-web-"));
    await mkdir(path.join(directory, "assets"));
    await writeFile(path.join(directory, "index.html"), "<!doctype html><title>Switchboard</title>");
    await writeFile(path.join(directory, "assets", "app-1234.js"), "console.log('app')");
    database = await createTestDatabase();
    server = await startServer({ ...loadConfig({}), port: 0, host: "127.0.0.1", logLevel: "silent" }, { database, webDirectory: directory });
  });
  afterAll(async () => {
    await server.close();
    await database.close();
    await rm(directory, { recursive: true, force: true });
  });

  it("serves the page at / and at the page router's paths", async () => {
    for (const pagePath of ["/", "/admin", "/desktop/inbox"]) {
      const response = await fetch(`${server.url}${pagePath}`, { headers: { accept: "text/html" } });
      expect(response.status, pagePath).toBe(200);
      expect(await response.text()).toContain("<title>Switchboard</title>");
      expect(response.headers.get("cache-control")).toBe("no-cache");
    }
  });

  it("serves hashed assets as immutable", async () => {
    const response = await fetch(`${server.url}/assets/app-1234.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("immutable");
  });

  it("keeps the API's JSON errors, never the page", async () => {
    const unauthenticated = await fetch(`${server.url}/api/v1/auth/me`, { headers: { accept: "text/html" } });
    expect(unauthenticated.status).toBe(401);
    expect(((await unauthenticated.json()) as ErrorBody).error.code).toBe("unauthenticated");
    const unknown = await fetch(`${server.url}/api/v1/nothing`, { headers: { accept: "text/html" } });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as ErrorBody).error.code).toBe("not_found");
    const badInput = await fetch(`${server.url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(badInput.status).toBe(400);
  });
});
