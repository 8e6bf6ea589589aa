import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORGOT_PASSWORD_MESSAGE } from "../common/api/password-reset.ts";
import { TestClient } from "../server/test/http-client.ts";
import { startTestSmtpServer, type CapturedMail, type TestSmtpServer } from "../server/test/smtp-server.ts";
import { useBrowserFixture } from "./browser-fixture.ts";
import { hasChromium, reportMissingChromium } from "./browser.ts";
import { generatePassword, type TestUser } from "./harness.ts";
import { pathOf, signIn } from "./pages.ts";

reportMissingChromium();

const agent: TestUser = {
  username: "rita.reset",
  password: generatePassword(),
  role: "agent",
  fullName: "Rita Reset",
  email: "rita.reset@example.com",
};

function linkIn(mail: CapturedMail): string {
  const link = /https?:\/\/\S+\/reset-password\?token=\S+/.exec(mail.text)?.[0];
  if (!link) {
    throw new Error(`no reset link in: ${mail.text}`);
  }
  return link;
}

describe.skipIf(!hasChromium)("forgotten password", () => {
  let smtp: TestSmtpServer;
  // Registered before the fixture's own hook, so the SMTP server listens before the Switchboard server starts.
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => {
    await smtp?.close();
  });
  const fixture = useBrowserFixture({
    users: [agent],
    environment: {
      get SMTP_URL() {
        return smtp.url;
      },
    },
  });

  it("e-mails a link whose page sets a new password under the policy, once, and signs in with it", async () => {
    const { page, server } = fixture;
    const admin = new TestClient(server.url);
    await admin.signIn(server.adminUsername, server.adminPassword);
    expect((await admin.patch("/api/v1/settings/security", { suiteEnabled: true })).status).toBe(200);

    await page.goto("/login");
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await page.getByLabel("Username or e-mail").fill(agent.email ?? "");
    await page.getByRole("button", { name: "Send the link" }).click();
    await page.getByRole("status").filter({ hasText: FORGOT_PASSWORD_MESSAGE }).waitFor();

    const link = linkIn(await smtp.nextMailTo(agent.email ?? ""));
    expect(new URL(link).origin).toBe(server.url);
    await page.goto(link);
    const newPassword = page.getByLabel("New password", { exact: true });
    await newPassword.fill("weakpass");
    await page.getByLabel("Repeat the new password").fill("weakpass");
    await page.getByRole("button", { name: "Change password" }).click();
    expect(await newPassword.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await newPassword.getAttribute("aria-describedby")) ?? "";
    const errorId = describedBy.split(" ").find((id) => id.endsWith("-error")) ?? "";
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe("Needs an upper-case letter; needs a digit; needs one of ~!@#$%^&-_=+[{]}");

    const chosen = "Brand-new-pass-1";
    await newPassword.fill(chosen);
    await page.getByLabel("Repeat the new password").fill(chosen);
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByRole("status").filter({ hasText: "Your password has been changed." }).waitFor();
    await page.getByRole("link", { name: "Sign in" }).click();
    await signIn(page, agent.username, chosen);
    await page.waitForURL("**/desktop");
    expect(pathOf(page)).toBe("/desktop");

    // The link works once.
    const again = await fixture.browser.newPage();
    await again.goto(link);
    await again.getByLabel("New password", { exact: true }).fill("Another-pass-2");
    await again.getByLabel("Repeat the new password").fill("Another-pass-2");
    await again.getByRole("button", { name: "Change password" }).click();
    await again.getByRole("alert").filter({ hasText: "This link has expired or was already used." }).waitFor();
    await again.getByRole("link", { name: "Ask for a new link" }).waitFor();
    await again.close();
  });

  it("says the same for a name nobody has, and sends nothing", async () => {
    const { page } = fixture;
    const sentBefore = smtp.messages.length;
    await page.goto("/forgot-password");
    await page.getByLabel("Username or e-mail").fill("nobody.here");
    await page.getByRole("button", { name: "Send the link" }).click();
    await page.getByRole("status").filter({ hasText: FORGOT_PASSWORD_MESSAGE }).waitFor();
    await page.waitForTimeout(300);
    expect(smtp.messages.length).toBe(sentBefore);
  });

  it("explains a link without its token", async () => {
    const { page } = fixture;
    await page.goto("/reset-password");
    await page.getByRole("alert").filter({ hasText: "This link is incomplete." }).waitFor();
    expect(pathOf(page)).toBe("/reset-password");
  });
});
