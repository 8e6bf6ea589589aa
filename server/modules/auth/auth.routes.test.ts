import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionResponse } from "../../../common/api/auth.ts";
import type { ErrorBody } from "../../../common/api/errors.ts";
import { createUser } from "../../test/factories.ts";
import { TestClient } from "../../test/http-client.ts";
import { ManualClock } from "../../test/manual-clock.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";

describe("sign-in", () => {
  let testServer: TestServer;

  beforeAll(async () => {
    testServer = await startTestServer();
  });
  afterAll(async () => {
    await testServer.close();
  });

  it("signs in the admin created on first start and tells who is signed in", async () => {
    const client = new TestClient(testServer.url);
    const login = await client.signIn("admin", "Admin-password-1");
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ username: "admin", role: "admin" });
    expect(login.body.csrfToken).toEqual(expect.any(String));

    const me = await client.get<SessionResponse>("/api/v1/auth/me");
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe("admin");
    expect(me.body.csrfToken).toBe(login.body.csrfToken);
    // product.md, The agent record: toast position, default top-right; the desktop places its alerts there.
    expect(me.body.user.toastPosition).toBe("top-right");
  });

  it("sets the session in an httpOnly SameSite cookie and stores only its hash", async () => {
    const { username, password } = await createUser(testServer.server.services, "agent");
    const response = await fetch(`${testServer.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
    const setCookie = response.headers.getSetCookie()[0] ?? "";
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const secret = (setCookie.split(";")[0] ?? "").split("=")[1] ?? "";
    const stored = await testServer.database.db.selectFrom("sessions").select("id").execute();
    expect(secret.length).toBeGreaterThan(20);
    expect(stored.map((row) => row.id)).not.toContain(secret);
  });

  it("finds the username ignoring case", async () => {
    const { username, password } = await createUser(testServer.server.services, "agent");
    const login = await new TestClient(testServer.url).signIn(username.toUpperCase(), password);
    expect(login.status).toBe(200);
  });

  it("refuses a wrong password and an unknown username with the same answer", async () => {
    const { username } = await createUser(testServer.server.services, "agent");
    const wrongPassword = await new TestClient(testServer.url).signIn(username, "not-the-password");
    const unknownUser = await new TestClient(testServer.url).signIn("nobody_here", "not-the-password");
    for (const response of [wrongPassword, unknownUser]) {
      expect(response.status).toBe(401);
      expect((response.body as unknown as ErrorBody).error).toEqual({ code: "invalid_credentials", message: "Wrong username or password." });
    }
  });

  it("answers bad input with a 400 naming the field", async () => {
    const client = new TestClient(testServer.url);
    const missing = await client.post<ErrorBody>("/api/v1/auth/login", { password: "x" });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("validation_failed");
    expect(missing.body.error.details).toEqual([{ field: "username", message: expect.stringMatching(/^username: /) }]);

    const wrongType = await client.post<ErrorBody>("/api/v1/auth/login", { username: "admin", password: 42 });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.message).toMatch(/^password: /);

    const malformed = await client.post<ErrorBody>("/api/v1/auth/login", "{not json");
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("invalid_json");
  });

  it("signs out: the session no longer works and its cookie is cleared", async () => {
    const { client } = await testServer.signedIn("agent");
    const cookie = client.cookie;
    const logout = await client.post("/api/v1/auth/logout");
    expect(logout.status).toBe(204);
    expect(client.cookie).toBeUndefined();

    client.cookie = cookie;
    const me = await client.get<ErrorBody>("/api/v1/auth/me");
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe("unauthenticated");
  });

  it("refuses a cookie-authenticated write without the CSRF token", async () => {
    const { client } = await testServer.signedIn("agent");
    const withoutToken = await client.request<ErrorBody>("POST", "/api/v1/auth/tokens", { name: "x" }, { "x-csrf-token": "" });
    expect(withoutToken.status).toBe(403);
    expect(withoutToken.body.error.code).toBe("csrf_token_invalid");
    const wrongToken = await client.request<ErrorBody>("POST", "/api/v1/auth/logout", undefined, { "x-csrf-token": "forged" });
    expect(wrongToken.status).toBe(403);
    expect((await client.get("/api/v1/auth/me")).status).toBe(200);
    expect((await client.post("/api/v1/auth/logout")).status).toBe(204);
  });

  it("refuses a disabled user at sign-in and ends the sessions they had", async () => {
    const { client, created } = await testServer.signedIn("agent");
    await testServer.server.services.users.setDisabled(created.user.id, true);

    expect((await client.get("/api/v1/auth/me")).status).toBe(401);
    const login = await new TestClient(testServer.url).signIn(created.username, created.password);
    expect(login.status).toBe(403);
    expect((login.body as unknown as ErrorBody).error.code).toBe("account_disabled");

    await testServer.server.services.users.setDisabled(created.user.id, false);
    expect((await new TestClient(testServer.url).signIn(created.username, created.password)).status).toBe(200);
  });
});

describe("lockout after failed sign-ins", () => {
  let testServer: TestServer;

  beforeAll(async () => {
    testServer = await startTestServer();
  });
  afterAll(async () => {
    await testServer.close();
  });

  it("locks the account at the configured threshold until an admin unlocks it", async () => {
    const admin = new TestClient(testServer.url);
    await admin.signIn("admin", "Admin-password-1");
    expect((await admin.patch("/api/v1/settings/security", { lockoutThreshold: 3 })).status).toBe(200);
    const { user, username, password } = await createUser(testServer.server.services, "agent");

    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await new TestClient(testServer.url).signIn(username, "wrong-password")).status).toBe(401);
    }
    const locked = await new TestClient(testServer.url).signIn(username, password);
    expect(locked.status).toBe(403);
    expect((locked.body as unknown as ErrorBody).error.code).toBe("account_locked");

    const unlock = await admin.post(`/api/v1/users/${user.id}/unlock`);
    expect(unlock.status).toBe(200);
    expect(unlock.body).toMatchObject({ id: user.id, locked: false });
    expect((await new TestClient(testServer.url).signIn(username, password)).status).toBe(200);
  });

  it("counts every one of many concurrent failures", async () => {
    const admin = new TestClient(testServer.url);
    await admin.signIn("admin", "Admin-password-1");
    await admin.patch("/api/v1/settings/security", { lockoutThreshold: 10 });
    const { user, username } = await createUser(testServer.server.services, "agent");
    await Promise.all(Array.from({ length: 10 }, () => new TestClient(testServer.url).signIn(username, "wrong-password")));
    const row = await testServer.server.services.users.findById(user.id);
    expect(row?.failedLoginCount).toBe(10);
    expect(row?.lockedAt).not.toBeNull();
  });

  it("never locks anyone while the lockout is off", async () => {
    const admin = new TestClient(testServer.url);
    await admin.signIn("admin", "Admin-password-1");
    await admin.patch("/api/v1/settings/security", { lockoutThreshold: 0 });
    const { username, password } = await createUser(testServer.server.services, "agent");
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await new TestClient(testServer.url).signIn(username, "wrong-password");
    }
    expect((await new TestClient(testServer.url).signIn(username, password)).status).toBe(200);
  });
});

describe("session expiry", () => {
  const clock = new ManualClock();
  let testServer: TestServer;

  beforeAll(async () => {
    testServer = await startTestServer({ clock, config: { sessionIdleMinutes: 30, sessionMaxHours: 2 } });
  });
  afterAll(async () => {
    await testServer.close();
  });

  it("ends a session left idle longer than the idle timeout", async () => {
    const { client } = await testServer.signedIn("agent");
    clock.advanceMinutes(29);
    expect((await client.get("/api/v1/auth/me")).status).toBe(200);
    clock.advanceMinutes(29);
    expect((await client.get("/api/v1/auth/me")).status).toBe(200);
    clock.advanceMinutes(31);
    expect((await client.get("/api/v1/auth/me")).status).toBe(401);
  });

  it("ends a busy session at its absolute expiry", async () => {
    const { client } = await testServer.signedIn("agent");
    for (let step = 0; step < 5; step += 1) {
      clock.advanceMinutes(20);
      expect((await client.get("/api/v1/auth/me")).status).toBe(200);
    }
    clock.advanceMinutes(15);
    expect((await client.get("/api/v1/auth/me")).status).toBe(200);
    clock.advanceMinutes(10);
    expect((await client.get("/api/v1/auth/me")).status).toBe(401);
  });
});

describe("sign-in rate limit", () => {
  let testServer: TestServer;

  beforeAll(async () => {
    testServer = await startTestServer({ config: { loginRateLimit: 3 } });
  });
  afterAll(async () => {
    await testServer.close();
  });

  it("answers 429 past the allowed attempts per minute", async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      statuses.push((await new TestClient(testServer.url).signIn("admin", "wrong-password")).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await new TestClient(testServer.url).signIn("admin", "Admin-password-1");
    expect(limited.status).toBe(429);
    expect((limited.body as unknown as ErrorBody).error.code).toBe("rate_limited");
  });
});
