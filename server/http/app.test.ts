import { Writable } from "node:stream";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorBody } from "../../common/api/errors.ts";
import { TestClient } from "../test/http-client.ts";
import { startTestServer, type TestServer } from "../test/test-server.ts";

describe("HTTP API", () => {
  const logLines: string[] = [];
  let testServer: TestServer;

  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        logLines.push(chunk.toString());
        callback();
      },
    });
    testServer = await startTestServer({ logStream, config: { logLevel: "trace" } });
  });
  afterAll(async () => {
    await testServer.close();
  });

  it("answers an unknown route with a JSON 404", async () => {
    const response = await new TestClient(testServer.url).get<ErrorBody>("/api/v1/nothing-here?x=1");
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: "not_found", message: "No route GET /api/v1/nothing-here" } });
  });

  it("reports the process and the database healthy", async () => {
    const client = new TestClient(testServer.url);
    expect((await client.get("/healthz")).body).toEqual({ status: "ok" });
    expect((await client.get("/readyz")).body).toEqual({ status: "ok", database: "ok" });
  });

  it("publishes OpenAPI 3.1 generated from the route schemas, and browsable docs", async () => {
    const response = await new TestClient(testServer.url).get<{ openapi: string; paths: Record<string, Record<string, unknown>> }>("/api/openapi.json");
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe("3.1.0");
    const login = response.body.paths["/api/v1/auth/login"]?.post as { requestBody: unknown; responses: Record<string, unknown> };
    expect(JSON.stringify(login.requestBody)).toContain("username");
    expect(Object.keys(login.responses)).toEqual(expect.arrayContaining(["200", "400", "401"]));
    const docs = await fetch(`${testServer.url}/api/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("swagger");
  });

  it("sends security headers: a content security policy, no framing, no sniffing", async () => {
    const response = await fetch(`${testServer.url}/healthz`);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("strict-transport-security")).toBeNull();
  });

  it("gives each request an id, echoing a sane incoming one", async () => {
    const generated = await fetch(`${testServer.url}/healthz`);
    expect(generated.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await fetch(`${testServer.url}/healthz`, { headers: { "x-request-id": "trace-42" } });
    expect(echoed.headers.get("x-request-id")).toBe("trace-42");
    const refused = await fetch(`${testServer.url}/healthz`, { headers: { "x-request-id": "bad id\twith spaces" } });
    expect(refused.headers.get("x-request-id")).not.toContain("bad");
  });

  it("never writes a password, token or cookie into a log line", async () => {
    const { client, created } = await testServer.signedIn("agent");
    const token = await client.post<{ secret: string }>("/api/v1/auth/tokens", { name: "logged?" });
    await TestClient.withToken(testServer.url, token.body.secret).get("/api/v1/auth/me");
    await new TestClient(testServer.url).signIn(created.username, "Wrong-password-9");
    const log = logLines.join("");
    expect(log).toContain("/api/v1/auth/login");
    for (const secret of [created.password, "Wrong-password-9", token.body.secret, client.cookie?.split("=")[1] ?? "", client.csrfToken ?? ""]) {
      expect(secret.length).toBeGreaterThan(8);
      expect(log).not.toContain(secret);
    }
  });

  it("answers any malformed sign-in body with a 4xx, never a 500", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.json(), fc.string()), async (body) => {
        const response = await fetch(`${testServer.url}/api/v1/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        const parsed = (await response.json()) as ErrorBody;
        expect(parsed.error.code).toEqual(expect.any(String));
      }),
      { numRuns: 60 },
    );
  });

  it("refuses a body that is not JSON with 415", async () => {
    const response = await fetch(`${testServer.url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "text/plain" }, body: "hi" });
    expect(response.status).toBe(415);
    expect(((await response.json()) as ErrorBody).error.code).toBe("unsupported_media_type");
  });
});
