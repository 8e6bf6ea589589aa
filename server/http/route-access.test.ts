import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../common/domain/roles.ts";
import type { ErrorBody } from "../../common/api/errors.ts";
import type { TestClient } from "../test/http-client.ts";
import { startTestServer, type TestServer } from "../test/test-server.ts";
import { loadConfig } from "../config.ts";
import type { RouteAccessEntry } from "./access.ts";
import { buildApp } from "./app.ts";

// Walks every registered /api/v1 route: an anonymous call gets 401, and each role the route does not
// allow gets 403. A route registered without an access rule makes the server refuse to start.
describe("route access table", () => {
  let testServer: TestServer;
  let routes: RouteAccessEntry[];
  const clients = new Map<Role, TestClient>();

  beforeAll(async () => {
    testServer = await startTestServer();
    routes = testServer.server.app.routeAccessTable;
    for (const role of ROLES) {
      clients.set(role, (await testServer.signedIn(role)).client);
    }
  });
  afterAll(async () => {
    await testServer.close();
  });

  it("covers the API", () => {
    const keys = routes.map((route) => `${route.method} ${route.url}`);
    expect(keys).toEqual(expect.arrayContaining(["POST /api/v1/auth/login", "GET /api/v1/auth/me", "PATCH /api/v1/settings/security"]));
    expect(routes.length).toBeGreaterThanOrEqual(9);
  });

  it("refuses anonymous callers on every route that is not public", async () => {
    for (const route of routes.filter((entry) => entry.access !== "public")) {
      const response = await testServer.server.app.inject({ method: route.method as "GET", url: samplePath(route.url), payload: {} });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect((response.json<ErrorBody>()).error.code).toBe("unauthenticated");
    }
  });

  it("refuses every role a route does not allow", async () => {
    for (const route of routes) {
      if (route.access === "public") {
        continue;
      }
      for (const role of ROLES.filter((candidate) => !route.access.includes(candidate))) {
        const response = await clients.get(role)?.request<ErrorBody>(route.method, samplePath(route.url), sampleBody(route.method));
        expect(response?.status, `${role} → ${route.method} ${route.url}`).toBe(403);
        expect(response?.body.error.code).toBe("forbidden");
      }
    }
  });

  it("lets every allowed role past the access check", async () => {
    for (const route of routes.filter((entry) => entry.access !== "public" && !SESSION_ENDING_URLS.has(entry.url))) {
      for (const role of route.access === "public" ? [] : route.access) {
        const response = await clients.get(role)?.request(route.method, samplePath(route.url), sampleBody(route.method));
        expect([401, 403], `${role} → ${route.method} ${route.url}`).not.toContain(response?.status);
      }
    }
  });

  it("refuses to start with a route that declares no access rule", async () => {
    const app = await buildApp({ config: loadConfig({ LOG_LEVEL: "silent" }), services: testServer.server.services });
    const registerUndeclared = async () => {
      await app.register(async (plugin) => {
        plugin.get("/api/v1/undeclared", () => "x");
      });
    };
    await expect(registerUndeclared()).rejects.toThrow(/GET \/api\/v1\/undeclared declares no access rule/);
  });
});

// They end the caller's session: the roles' later calls would answer 401.
const SESSION_ENDING_URLS = new Set(["/api/v1/auth/logout", "/api/v1/presence/me/sign-out"]);

function sampleBody(method: string): unknown {
  return method === "GET" || method === "DELETE" ? undefined : {};
}

function samplePath(url: string): string {
  return url.replace(/:[A-Za-z]+/g, "00000000-0000-4000-8000-000000000000");
}
