import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSmtpServer, type TestSmtpServer } from "../test/smtp-server.ts";
import { createMailer } from "./mailer.ts";

describe("mailer", () => {
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it("sends through SMTP_URL with the sender named in it", async () => {
    const mailer = createMailer(`${smtp.url}?from=helpdesk@example.com`, pino({ level: "silent" }));
    const link = `https://cc.example.com/reset-password?token=${"x".repeat(80)}=%41`;
    await mailer.send({ to: "ada@example.com", subject: "Reset your password", text: `Open ${link}\nThanks ✓`, html: `<a href="${link}">Reset</a>` });
    const mail = await smtp.nextMailTo("ada@example.com");
    expect(mail).toMatchObject({ from: "helpdesk@example.com", subject: "Reset your password" });
    expect(mail.text).toContain(link);
    expect(mail.text).toContain("Thanks ✓");
    expect(mail.html).toContain(`href="${link}"`);
  });

  it("sends nothing and warns when SMTP_URL is not set", async () => {
    const lines: string[] = [];
    const logger = pino({ level: "warn" }, { write: (line: string) => lines.push(line) });
    const mailer = createMailer(undefined, logger);
    const before = smtp.messages.length;
    await mailer.send({ to: "nobody@example.com", subject: "Reset your password", text: "secret link" });
    expect(mailer.configured).toBe(false);
    expect(smtp.messages.length).toBe(before);
    expect(lines.join("")).toContain("SMTP_URL is not set");
    expect(lines.join("")).not.toContain("secret link");
  });
});
