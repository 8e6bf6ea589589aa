import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorBody } from "../../../common/api/errors.ts";
import { sql } from "kysely";
import { RESET_EMAIL_JOB } from "./password-reset.service.ts";
import { FORGOT_PASSWORD_MESSAGE, type PasswordPolicy } from "../../../common/api/password-reset.ts";
import type { Services } from "../../services.ts";
import { TestClient } from "../../test/http-client.ts";
import { ManualClock } from "../../test/manual-clock.ts";
import { startTestSmtpServer, type CapturedMail, type TestSmtpServer } from "../../test/smtp-server.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";

async function userWithEmail(services: Services) {
  const suffix = randomBytes(4).toString("hex");
  const username = `reset_${suffix}`;
  const email = `reset.${suffix}@example.com`;
  const password = `Old-password-${suffix}1!`;
  const user = await services.users.create({ username, password, fullName: `Reset ${suffix}`, role: "agent", email });
  return { user, username, email, password };
}

function linkIn(mail: CapturedMail): URL {
  const match = /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_%-]+/.exec(mail.text);
  if (!match) {
    throw new Error(`no reset link in: ${mail.text}`);
  }
  return new URL(match[0]);
}

describe("forgotten password", () => {
  const clock = new ManualClock();
  let smtp: TestSmtpServer;
  let testServer: TestServer;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    testServer = await startTestServer({ clock, config: { smtpUrl: smtp.url } });
  });
  afterAll(async () => {
    await testServer.close();
    await smtp.close();
  });

  const forgot = (usernameOrEmail: unknown) => new TestClient(testServer.url).post<{ message: string }>("/api/v1/auth/password/forgot", { usernameOrEmail });
  const reset = (token: string, password: string) => new TestClient(testServer.url).post<ErrorBody>("/api/v1/auth/password/reset", { token, password });

  it("e-mails a link that sets a new password once, ends every session, and records the time", async () => {
    const person = await userWithEmail(testServer.server.services);
    const before = new TestClient(testServer.url);
    expect((await before.signIn(person.username, person.password)).status).toBe(200);

    const accepted = await forgot(person.username.toUpperCase());
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ message: FORGOT_PASSWORD_MESSAGE });

    const mail = await smtp.nextMailTo(person.email);
    expect(mail.subject).toBe("Reset your Switchboard password");
    const link = linkIn(mail);
    expect(link.origin).toBe(new URL(testServer.url).origin);
    expect(mail.html).toContain(`href="${link.toString()}"`);
    const token = link.searchParams.get("token") ?? "";
    const stored = await testServer.database.db.selectFrom("passwordResetTokens").selectAll().where("userId", "=", person.user.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.tokenHash).not.toBe(token);
    expect(stored[0]?.expiresAt.getTime()).toBe(clock.now().getTime() + 60 * 60_000);

    expect((await reset(token, "New-password-1!")).status).toBe(204);
    expect((await before.get("/api/v1/auth/me")).status).toBe(401);
    expect((await new TestClient(testServer.url).signIn(person.username, person.password)).status).toBe(401);
    expect((await new TestClient(testServer.url).signIn(person.username, "New-password-1!")).status).toBe(200);
    const row = await testServer.server.services.users.findById(person.user.id);
    expect(row?.passwordChangedAt?.getTime()).toBe(clock.now().getTime());

    const reused = await reset(token, "Another-password-2!");
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe("reset_link_invalid");
    const audit = await testServer.database.db.selectFrom("auditLog").select(["action", "actorId"]).where("entityId", "=", person.user.id).execute();
    expect(audit).toEqual([{ action: "user.password_reset", actorId: null }]);
  });

  it("finds the account by e-mail address, ignoring case", async () => {
    const person = await userWithEmail(testServer.server.services);
    expect((await forgot(person.email.toUpperCase())).status).toBe(202);
    expect(linkIn(await smtp.nextMailTo(person.email)).searchParams.get("token")).toBeTruthy();
  });

  it("refuses a link after one hour", async () => {
    const person = await userWithEmail(testServer.server.services);
    await forgot(person.username);
    const token = linkIn(await smtp.nextMailTo(person.email)).searchParams.get("token") ?? "";
    clock.advanceMinutes(61);
    const late = await reset(token, "New-password-1!");
    expect(late.status).toBe(400);
    expect(late.body.error).toEqual({ code: "reset_link_invalid", message: "This link has expired or was already used. Ask for a new one." });
    expect((await new TestClient(testServer.url).signIn(person.username, person.password)).status).toBe(200);
  });

  it("answers an unknown username or e-mail the same way, and sends nothing", async () => {
    const sentBefore = smtp.messages.length;
    const known = await userWithEmail(testServer.server.services);
    const answers = await Promise.all([forgot("nobody_at_all"), forgot("nobody@example.com"), forgot(known.username)]);
    for (const answer of answers) {
      expect(answer.status).toBe(202);
      expect(answer.body).toEqual({ message: FORGOT_PASSWORD_MESSAGE });
    }
    await smtp.nextMailTo(known.email);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.messages.slice(sentBefore).flatMap((message) => message.to)).toEqual([known.email]);
  });

  it("sends nothing for a user without an e-mail address or a disabled one", async () => {
    const sentBefore = smtp.messages.length;
    const { username } = await testServer.signedIn("agent").then(({ created }) => created);
    const disabled = await userWithEmail(testServer.server.services);
    await testServer.server.services.users.setDisabled(disabled.user.id, true);
    expect((await forgot(username)).status).toBe(202);
    expect((await forgot(disabled.username)).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.messages.length).toBe(sentBefore);
  });

  it("holds a new password to the policy while the security suite is on, keeping the link usable", async () => {
    const admin = await testServer.signedIn("admin");
    await admin.client.patch("/api/v1/settings/security", { suiteEnabled: true });
    try {
      const policy = await new TestClient(testServer.url).get<PasswordPolicy>("/api/v1/auth/password/policy");
      expect(policy.body).toEqual({ strict: true, minimumLength: 8, symbols: "~!@#$%^&-_=+[{]}" });
      const person = await userWithEmail(testServer.server.services);
      await forgot(person.username);
      const token = linkIn(await smtp.nextMailTo(person.email)).searchParams.get("token") ?? "";
      const weak = await reset(token, "weakpass");
      expect(weak.status).toBe(400);
      expect(weak.body.error.code).toBe("validation_failed");
      expect(weak.body.error.details).toEqual([
        { field: "password", message: "password: needs an upper-case letter" },
        { field: "password", message: "password: needs a digit" },
        { field: "password", message: "password: needs one of ~!@#$%^&-_=+[{]}" },
      ]);
      expect((await reset(token, "Strong-enough-1")).status).toBe(204);
    } finally {
      await admin.client.patch("/api/v1/settings/security", { suiteEnabled: false });
    }
  });

  it("names bad input", async () => {
    const empty = await forgot("  ");
    expect(empty.status).toBe(400);
    expect((empty.body as unknown as ErrorBody).error.message).toMatch(/^usernameOrEmail: /);
    const missing = await new TestClient(testServer.url).post<ErrorBody>("/api/v1/auth/password/reset", { token: "x" });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/^password: /);
    expect((await reset("made-up-token", "Whatever-1!")).body.error.code).toBe("reset_link_invalid");
  });

  it("sends no link built on a Host header that names another server", async () => {
    const person = await userWithEmail(testServer.server.services);
    const answer = await testServer.server.app.inject({
      method: "POST",
      url: "/api/v1/auth/password/forgot",
      headers: { host: "attacker.example", "content-type": "application/json" },
      payload: { usernameOrEmail: person.username },
    });
    expect(answer.statusCode).toBe(202);
    expect(answer.json()).toEqual({ message: FORGOT_PASSWORD_MESSAGE });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.messages.filter((message) => message.to.includes(person.email))).toHaveLength(0);
  });

  it("gives one person at most three links a quarter of an hour", async () => {
    const person = await userWithEmail(testServer.server.services);
    for (let request = 0; request < 5; request += 1) {
      expect((await forgot(person.username)).status).toBe(202);
    }
    const links = await testServer.database.db
      .selectFrom("jobs")
      .select("id")
      .where("kind", "=", RESET_EMAIL_JOB)
      .where(sql<string>`payload ->> 'userId'`, "=", person.user.id)
      .execute();
    expect(links).toHaveLength(3);
    for (let mail = 0; mail < 3; mail += 1) {
      await smtp.nextMailTo(person.email);
    }
  });
});

describe("forgotten password behind a public address, rate-limited", () => {
  let smtp: TestSmtpServer;
  let testServer: TestServer;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    testServer = await startTestServer({ config: { smtpUrl: smtp.url, publicUrl: "https://cc.example.com/", loginRateLimit: 2 } });
  });
  afterAll(async () => {
    await testServer.close();
    await smtp.close();
  });

  it("builds the link on PUBLIC_URL and answers 429 past the limit", async () => {
    const person = await userWithEmail(testServer.server.services);
    const client = new TestClient(testServer.url);
    expect((await client.post("/api/v1/auth/password/forgot", { usernameOrEmail: person.username })).status).toBe(202);
    expect(linkIn(await smtp.nextMailTo(person.email)).origin).toBe("https://cc.example.com");
    expect((await client.post("/api/v1/auth/password/forgot", { usernameOrEmail: "someone" })).status).toBe(202);
    const limited = await client.post<ErrorBody>("/api/v1/auth/password/forgot", { usernameOrEmail: "someone" });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("rate_limited");
  });
});

describe("forgotten password without SMTP_URL", () => {
  let testServer: TestServer;

  beforeAll(async () => {
    testServer = await startTestServer();
  });
  afterAll(async () => {
    await testServer.close();
  });

  it("still answers 202 and keeps the link unsent", async () => {
    const person = await userWithEmail(testServer.server.services);
    const answer = await new TestClient(testServer.url).post("/api/v1/auth/password/forgot", { usernameOrEmail: person.username });
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ message: FORGOT_PASSWORD_MESSAGE });
  });
});
