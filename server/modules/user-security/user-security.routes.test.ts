import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../../common/api/audit.ts";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { Page } from "../../../common/api/pagination.ts";
import type { UserSecurity } from "../../../common/api/user-security.ts";
import { createUser } from "../../test/factories.ts";
import { TestClient } from "../../test/http-client.ts";
import { shareQueue } from "../../test/security-factories.ts";
import { connectSocket, nextEvent, type TestSocket } from "../../test/socket-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";

describe("a user's security, as admins and supervisors manage it", () => {
  let testServer: TestServer;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    testServer = await startTestServer();
  });
  afterAll(async () => {
    for (const socket of sockets) {
      socket.disconnect();
    }
    await testServer.close();
  });

  const securityPath = (userId: string) => `/api/v1/users/${userId}/security`;

  it("shows the flags, and the last password reset time only while the suite is on", async () => {
    const admin = await testServer.signedIn("admin");
    const { user, username } = await createUser(testServer.server.services, "agent");
    const off = await admin.client.get<UserSecurity>(securityPath(user.id));
    expect(off.status).toBe(200);
    expect(off.body).toEqual({
      userId: user.id,
      username,
      fullName: user.fullName,
      role: "agent",
      disabled: false,
      locked: false,
      lockedAt: null,
      maskSensitiveData: false,
      suiteEnabled: false,
      passwordChangedAt: null,
      mfaEnabled: false,
      mfaEnabledAt: null,
      avatarUpdatedAt: null,
    });
    await admin.client.patch("/api/v1/settings/security", { suiteEnabled: true });
    const on = await admin.client.get<UserSecurity>(securityPath(user.id));
    expect(on.body).toMatchObject({ suiteEnabled: true, passwordChangedAt: user.passwordChangedAt?.toISOString() });
    await admin.client.patch("/api/v1/settings/security", { suiteEnabled: false });
  });

  it("disables a user at once and enables them again, in the audit log", async () => {
    const admin = await testServer.signedIn("admin");
    const agent = await testServer.signedIn("agent");
    const disabled = await admin.client.patch<UserSecurity>(securityPath(agent.created.user.id), { disabled: true });
    expect(disabled.body.disabled).toBe(true);
    expect((await agent.client.get("/api/v1/auth/me")).status).toBe(401);
    expect((await new TestClient(testServer.url).signIn(agent.created.username, agent.created.password)).status).toBe(403);

    expect((await admin.client.patch<UserSecurity>(securityPath(agent.created.user.id), { disabled: false })).body.disabled).toBe(false);
    expect((await new TestClient(testServer.url).signIn(agent.created.username, agent.created.password)).status).toBe(200);
    const log = await admin.client.get<Page<AuditEntry>>(`/api/v1/audit?entityId=${agent.created.user.id}`);
    expect(log.body.items.map((entry) => entry.action)).toEqual(["user.enabled", "user.disabled"]);
  });

  it("unlocks a locked user", async () => {
    const admin = await testServer.signedIn("admin");
    await admin.client.patch("/api/v1/settings/security", { lockoutThreshold: 2 });
    const { user, username, password } = await createUser(testServer.server.services, "agent");
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await new TestClient(testServer.url).signIn(username, "wrong-password");
    }
    expect((await admin.client.get<UserSecurity>(securityPath(user.id))).body).toMatchObject({ locked: true, lockedAt: expect.any(String) });
    const unlocked = await admin.client.patch<UserSecurity>(securityPath(user.id), { locked: false });
    expect(unlocked.body).toMatchObject({ locked: false, lockedAt: null });
    expect((await new TestClient(testServer.url).signIn(username, password)).status).toBe(200);
    await admin.client.patch("/api/v1/settings/security", { lockoutThreshold: 0 });
  });

  it("masks the user's view of contacts, tells the admins, and records it", async () => {
    const admin = await testServer.signedIn("admin");
    const { user } = await createUser(testServer.server.services, "agent");
    const socket = await connectSocket(testServer.url, { cookie: admin.client.cookie });
    sockets.push(socket);
    const changed = nextEvent(socket, "user.security_changed");

    const masked = await admin.client.patch<UserSecurity>(securityPath(user.id), { maskSensitiveData: true });
    expect(masked.body.maskSensitiveData).toBe(true);
    expect(await changed).toEqual({ userId: user.id });
    const masker = await testServer.server.services.contactMasking.forUser(user.id);
    expect(masker.contact({ phone: "+1 415 555 0123" })).toEqual({ phone: "+1 415 555 ****" });
    const log = await admin.client.get<Page<AuditEntry>>(`/api/v1/audit?entityId=${user.id}&action=user.masking_enabled`);
    expect(log.body.items[0]).toMatchObject({ actorId: admin.created.user.id, before: { maskSensitiveData: false }, after: { maskSensitiveData: true } });
  });

  it("lets a supervisor manage only the agents of the queues they are enabled on", async () => {
    const supervisor = await testServer.signedIn("supervisor");
    const { user: theirs } = await createUser(testServer.server.services, "agent");
    const { user: stranger } = await createUser(testServer.server.services, "agent");
    const { user: anAdmin } = await createUser(testServer.server.services, "admin");
    await shareQueue(testServer.database.db, supervisor.created.user.id, theirs.id);

    expect((await supervisor.client.get<UserSecurity>(securityPath(theirs.id))).status).toBe(200);
    expect((await supervisor.client.patch<UserSecurity>(securityPath(theirs.id), { maskSensitiveData: true })).body.maskSensitiveData).toBe(true);
    for (const userId of [stranger.id, anAdmin.id, "00000000-0000-4000-8000-000000000000"]) {
      expect((await supervisor.client.get<ErrorBody>(securityPath(userId))).status).toBe(404);
      const refused = await supervisor.client.patch<ErrorBody>(securityPath(userId), { disabled: true });
      expect(refused.status).toBe(404);
      expect(refused.body.error.code).toBe("user_not_found");
    }
    expect((await testServer.server.services.users.findById(stranger.id))?.disabled).toBe(false);
    const agent = await testServer.signedIn("agent");
    expect((await agent.client.get(securityPath(agent.created.user.id))).status).toBe(403);
  });

  it("names bad input and refuses to disable oneself", async () => {
    const admin = await testServer.signedIn("admin");
    const { user } = await createUser(testServer.server.services, "agent");
    const lock = await admin.client.patch<ErrorBody>(securityPath(user.id), { locked: true });
    expect(lock.status).toBe(400);
    expect(lock.body.error.message).toMatch(/^locked: /);
    const wrongType = await admin.client.patch<ErrorBody>(securityPath(user.id), { disabled: "yes" });
    expect(wrongType.body.error.message).toMatch(/^disabled: /);
    const badId = await admin.client.get<ErrorBody>("/api/v1/users/not-a-uuid/security");
    expect(badId.status).toBe(400);
    expect(badId.body.error.message).toMatch(/^userId: /);
    const self = await admin.client.patch<ErrorBody>(securityPath(admin.created.user.id), { disabled: true });
    expect(self.status).toBe(400);
    expect(self.body.error.details).toEqual([{ field: "disabled", message: "disabled: you cannot disable your own account" }]);
  });
});
