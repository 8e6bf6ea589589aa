import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionResponse } from "../../../common/api/auth.ts";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { MfaChallenge, MfaEnrolment, MfaStatus } from "../../../common/api/mfa.ts";
import type { UserSecurity } from "../../../common/api/user-security.ts";
import { createUser } from "../../test/factories.ts";
import { TestClient } from "../../test/http-client.ts";
import { ManualClock } from "../../test/manual-clock.ts";
import { enrolMfa, shareQueue, totpCode } from "../../test/security-factories.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";

describe("two-step sign-in (TOTP)", () => {
  const clock = new ManualClock();
  let testServer: TestServer;

  beforeAll(async () => {
    testServer = await startTestServer({ clock });
  });
  afterAll(async () => {
    await testServer.close();
  });

  const passwordStep = async (username: string, password: string) => {
    const client = new TestClient(testServer.url);
    const response = await client.request<MfaChallenge>("POST", "/api/v1/auth/login", { username, password });
    return { client, response };
  };

  it("enrols with a QR code, keeps the secret only after a valid code, and never shows it again", async () => {
    const { client, created } = await testServer.signedIn("agent");
    const enrolment = await client.post<MfaEnrolment>("/api/v1/auth/mfa/enrol");
    expect(enrolment.status).toBe(200);
    expect(enrolment.body.otpauthUri).toMatch(new RegExp(`^otpauth://totp/Switchboard:${created.username}\\?.*secret=${enrolment.body.secret}`));
    expect(enrolment.body.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    const stored = () => testServer.database.db.selectFrom("users").select(["mfaSecret", "mfaEnabledAt"]).where("id", "=", created.user.id).executeTakeFirstOrThrow();
    expect(await stored()).toEqual({ mfaSecret: null, mfaEnabledAt: null });

    const wrong = await client.post<ErrorBody>("/api/v1/auth/mfa/verify", { code: "000000" === totpCode(enrolment.body.secret, clock.now()) ? "111111" : "000000" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toEqual([{ field: "code", message: expect.stringMatching(/^code: /) }]);
    const malformed = await client.post<ErrorBody>("/api/v1/auth/mfa/verify", { code: "12ab" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/^code: /);

    const verified = await client.post<MfaStatus>("/api/v1/auth/mfa/verify", { code: totpCode(enrolment.body.secret, clock.now()) });
    expect(verified.status).toBe(200);
    expect(verified.body.enabled).toBe(true);
    expect((await stored()).mfaSecret).toBe(enrolment.body.secret);

    const status = await client.get<MfaStatus>("/api/v1/auth/mfa");
    expect(status.body).toEqual({ enabled: true, enabledAt: expect.any(String) });
    expect(JSON.stringify(status.body)).not.toContain(enrolment.body.secret);
    expect((await client.post<ErrorBody>("/api/v1/auth/mfa/enrol")).body.error.code).toBe("mfa_already_enabled");
    const audit = await testServer.database.db.selectFrom("auditLog").select(["action", "before", "after"]).where("entityId", "=", created.user.id).execute();
    expect(audit).toEqual([{ action: "user.mfa_enabled", before: { mfaEnabled: false }, after: { mfaEnabled: true } }]);
    expect(JSON.stringify(audit)).not.toContain(enrolment.body.secret);
  });

  it("refuses an enrolment code after the enrolment expired", async () => {
    const { client } = await testServer.signedIn("agent");
    const enrolment = await client.post<MfaEnrolment>("/api/v1/auth/mfa/enrol");
    clock.advanceMinutes(11);
    const late = await client.post<ErrorBody>("/api/v1/auth/mfa/verify", { code: totpCode(enrolment.body.secret, clock.now()) });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("mfa_enrolment_expired");
  });

  it("asks for a code after the password, without a session, and signs in with it", async () => {
    const { client: enrolled, created } = await testServer.signedIn("agent");
    const secret = await enrolMfa(enrolled, clock);

    const { client, response } = await passwordStep(created.username, created.password);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ mfaRequired: true, challengeId: expect.stringMatching(/^mfa_/) });
    expect(response.headers.getSetCookie()).toEqual([]);
    expect((await client.get("/api/v1/auth/me")).status).toBe(401);

    const signedIn = await client.post<SessionResponse>("/api/v1/auth/login/mfa", { challengeId: response.body.challengeId, code: totpCode(secret, clock.now()) });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({ id: created.user.id, username: created.username });
    client.csrfToken = signedIn.body.csrfToken ?? undefined;
    expect((await client.get<SessionResponse>("/api/v1/auth/me")).body.user.id).toBe(created.user.id);

    // Single-use: the same challenge never opens a second session.
    const again = await new TestClient(testServer.url).post<ErrorBody>("/api/v1/auth/login/mfa", { challengeId: response.body.challengeId, code: totpCode(secret, clock.now()) });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe("mfa_challenge_invalid");
  });

  it("never accepts the same code twice, even on a new challenge", async () => {
    const { client: enrolled, created } = await testServer.signedIn("agent");
    const secret = await enrolMfa(enrolled, clock);
    const code = totpCode(secret, clock.now());
    const first = await passwordStep(created.username, created.password);
    expect((await first.client.post("/api/v1/auth/login/mfa", { challengeId: first.response.body.challengeId, code })).status).toBe(200);
    const second = await passwordStep(created.username, created.password);
    const replayed = await second.client.post<ErrorBody>("/api/v1/auth/login/mfa", { challengeId: second.response.body.challengeId, code });
    expect(replayed.status).toBe(401);
    expect(replayed.body.error.code).toBe("mfa_code_invalid");
    clock.advanceMinutes(1);
    expect((await second.client.post("/api/v1/auth/login/mfa", { challengeId: second.response.body.challengeId, code: totpCode(secret, clock.now()) })).status).toBe(200);
  });

  it("lets a challenge expire after five minutes", async () => {
    const { client: enrolled, created } = await testServer.signedIn("agent");
    const secret = await enrolMfa(enrolled, clock);
    const { client, response } = await passwordStep(created.username, created.password);
    clock.advanceMinutes(5);
    const late = await client.post<ErrorBody>("/api/v1/auth/login/mfa", { challengeId: response.body.challengeId, code: totpCode(secret, clock.now()) });
    expect(late.status).toBe(401);
    expect(late.body.error.code).toBe("mfa_challenge_invalid");
    const unknown = await client.post<ErrorBody>("/api/v1/auth/login/mfa", { challengeId: "mfa_made-up", code: "123456" });
    expect(unknown.body.error.code).toBe("mfa_challenge_invalid");
    const missing = await client.post<ErrorBody>("/api/v1/auth/login/mfa", { code: "123456" });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/^challengeId: /);
  });

  it("counts wrong codes toward the lockout", async () => {
    const admin = await testServer.signedIn("admin");
    expect((await admin.client.patch("/api/v1/settings/security", { lockoutThreshold: 3 })).status).toBe(200);
    const { client: enrolled, created } = await testServer.signedIn("agent");
    const secret = await enrolMfa(enrolled, clock);
    const wrongCode = totpCode(secret, clock.now()) === "000000" ? "111111" : "000000";
    const { client, response } = await passwordStep(created.username, created.password);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const wrong = await client.post<ErrorBody>("/api/v1/auth/login/mfa", { challengeId: response.body.challengeId, code: wrongCode });
      expect(wrong.status).toBe(401);
    }
    const locked = await client.post<ErrorBody>("/api/v1/auth/login/mfa", { challengeId: response.body.challengeId, code: totpCode(secret, clock.now()) });
    expect(locked.status).toBe(403);
    expect(locked.body.error.code).toBe("account_locked");
    expect((await enrolled.get("/api/v1/auth/me")).status).toBe(401);
    await admin.client.patch("/api/v1/settings/security", { lockoutThreshold: 0 });
  });

  it("turns off with a current code only", async () => {
    const { client, created } = await testServer.signedIn("agent");
    const secret = await enrolMfa(client, clock);
    clock.advanceMinutes(1);
    const wrong = await client.post<ErrorBody>("/api/v1/auth/mfa/disable", { code: totpCode(secret, clock.now()) === "000000" ? "111111" : "000000" });
    expect(wrong.status).toBe(400);
    const off = await client.post<MfaStatus>("/api/v1/auth/mfa/disable", { code: totpCode(secret, clock.now()) });
    expect(off.body).toEqual({ enabled: false, enabledAt: null });
    const login = await new TestClient(testServer.url).signIn(created.username, created.password);
    expect(login.body.user.id).toBe(created.user.id);
  });

  it("is reset by an admin, or by a supervisor of the agent's queue only", async () => {
    const admin = await testServer.signedIn("admin");
    const supervisor = await testServer.signedIn("supervisor");
    const { client, created } = await testServer.signedIn("agent");
    await enrolMfa(client, clock);

    const outsider = await supervisor.client.delete<ErrorBody>(`/api/v1/users/${created.user.id}/mfa`);
    expect(outsider.status).toBe(404);
    await shareQueue(testServer.database.db, supervisor.created.user.id, created.user.id);
    const bySupervisor = await supervisor.client.delete<UserSecurity>(`/api/v1/users/${created.user.id}/mfa`);
    expect(bySupervisor.status).toBe(200);
    expect(bySupervisor.body).toMatchObject({ userId: created.user.id, mfaEnabled: false });
    expect((await new TestClient(testServer.url).signIn(created.username, created.password)).body.user.id).toBe(created.user.id);

    await enrolMfa(client, clock);
    const byAdmin = await admin.client.delete<UserSecurity>(`/api/v1/users/${created.user.id}/mfa`);
    expect(byAdmin.body.mfaEnabled).toBe(false);
    const log = await testServer.database.db.selectFrom("auditLog").select(["action", "actorId"]).where("action", "=", "user.mfa_reset").where("entityId", "=", created.user.id).execute();
    expect(log.map((entry) => entry.actorId)).toEqual(expect.arrayContaining([supervisor.created.user.id, admin.created.user.id]));
    const agent = await testServer.signedIn("agent");
    expect((await agent.client.delete(`/api/v1/users/${created.user.id}/mfa`)).status).toBe(403);
  });

  it("does not let a supervisor reset another supervisor, even one sharing a queue", async () => {
    const supervisor = await testServer.signedIn("supervisor");
    const other = await createUser(testServer.server.services, "supervisor");
    await shareQueue(testServer.database.db, supervisor.created.user.id, other.user.id);
    expect((await supervisor.client.delete(`/api/v1/users/${other.user.id}/mfa`)).status).toBe(404);
  });
});
