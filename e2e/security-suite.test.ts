import { Secret, TOTP } from "otpauth";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { SessionResponse } from "../common/api/auth.ts";
import type { UserSecurity } from "../common/api/user-security.ts";
import { TestClient } from "../server/test/http-client.ts";
import { enrolMfa } from "../server/test/security-factories.ts";
import { useBrowserFixture } from "./browser-fixture.ts";
import { hasChromium, reportMissingChromium } from "./browser.ts";
import { generatePassword, type TestUser, type RunningServer } from "./harness.ts";
import { pathOf, signIn } from "./pages.ts";

reportMissingChromium();

const agent: TestUser = { username: "alex.agent", password: generatePassword(), role: "agent", fullName: "Alex Agent" };
const supervisor: TestUser = { username: "sam.supervisor", password: generatePassword(), role: "supervisor", fullName: "Sam Supervisor" };
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

// What the authenticator app would show now for a base32 secret.
const codeFor = (secret: string) => TOTP.generate({ secret: Secret.fromBase32(secret) });

async function signedInClient(server: RunningServer, username: string, password: string): Promise<TestClient> {
  const client = new TestClient(server.url);
  const response = await client.signIn(username, password);
  expect(response.status).toBe(200);
  return client;
}

async function openConsolePage(page: Page, person: { username: string; password: string }, link: string, heading: string): Promise<void> {
  await page.goto("/login");
  await signIn(page, person.username, person.password);
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: link, exact: true }).click();
  await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
}

function errorOf(page: Page, label: string) {
  return page.getByLabel(label, { exact: true }).evaluate((input) => {
    const ids = (input.getAttribute("aria-describedby") ?? "").split(" ");
    return document.getElementById(ids.find((id) => id.endsWith("-error")) ?? "")?.textContent ?? "";
  });
}

describe.skipIf(!hasChromium)("security suite", () => {
  const fixture = useBrowserFixture({ users: [agent, supervisor] });
  const admin = () => ({ username: fixture.server.adminUsername, password: fixture.server.adminPassword });

  it("turns on two-step sign-in with a QR code, then signs in with a code from the app", async () => {
    const { page } = fixture;
    await openConsolePage(page, supervisor, "Sign-in security", "Sign-in security");
    await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
    await page.getByRole("img", { name: "QR code to scan with your authenticator app" }).waitFor();
    const secret = (await page.getByLabel("Setup key").textContent()) ?? "";
    await page.getByLabel("Code from the app", { exact: true }).fill("12");
    await page.getByRole("button", { name: "Turn on" }).click();
    expect(await errorOf(page, "Code from the app")).toBe("The 6-digit code from your authenticator app");
    await page.getByLabel("Code from the app", { exact: true }).fill(codeFor(secret));
    await page.getByRole("button", { name: "Turn on" }).click();
    await page.getByRole("status").filter({ hasText: "Two-step sign-in is on" }).waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/login");
    await signIn(page, supervisor.username, supervisor.password);
    const code = page.getByLabel("Authentication code");
    await code.waitFor();
    expect(await page.context().cookies()).toEqual([]);
    await code.fill(codeFor(secret) === "000000" ? "111111" : "000000");
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByRole("alert").filter({ hasText: "Wrong code." }).waitFor();
    await code.fill(codeFor(secret));
    await page.getByRole("button", { name: "Verify" }).click();
    // Back where the person was when they signed out.
    await page.getByRole("status").filter({ hasText: "Two-step sign-in is on" }).waitFor();
    expect(pathOf(page)).toBe("/admin/sign-in-security");
  });

  it("turns the security suite on and sets the masked characters, with Save", async () => {
    const { page } = fixture;
    await openConsolePage(page, admin(), "Security", "Security");
    const suite = page.getByRole("switch", { name: "Security suite on" });
    const characters = page.getByLabel("Characters masked");
    await characters.fill("0");
    await page.getByRole("button", { name: "Save" }).click();
    expect(await errorOf(page, "Characters masked")).toBe("At least 1");

    await suite.check();
    await characters.fill("6");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: /^Saved\.$/ }).waitFor();
    await page.reload();
    await page.getByText("The security suite is on").waitFor();
    expect(await page.getByRole("switch", { name: "Security suite on" }).isChecked()).toBe(true);
    expect(await page.getByLabel("Characters masked").inputValue()).toBe("6");
  });

  it("lists the audit log, filters it and shows a change's before and after", async () => {
    const { page, server } = fixture;
    const adminClient = await signedInClient(server, server.adminUsername, server.adminPassword);
    expect((await adminClient.patch("/api/v1/settings/security", { lockoutThreshold: 7 })).status).toBe(200);

    await openConsolePage(page, admin(), "Audit log", "Audit log");
    const row = page.getByRole("row", { name: /Changed the security settings/ }).first();
    await row.waitFor();
    await row.getByRole("button", { name: /Show changes/ }).click();
    const changes = page.getByRole("table", { name: /Before and after/ }).first();
    await changes.getByRole("row", { name: /lockoutThreshold/ }).waitFor();
    expect(await changes.getByRole("row", { name: /lockoutThreshold/ }).innerText()).toMatch(/lockoutThreshold.*\s0\s.*7/s);

    await page.getByLabel("Action").fill("user.disabled");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByText("No changes match these filters.").waitFor();
    expect(new URL(page.url()).searchParams.get("action")).toBe("user.disabled");
    await page.getByRole("button", { name: "Clear filters" }).click();
    await page.getByRole("button", { name: `Show only changes by ${server.adminUsername}` }).first().click();
    await page.getByText(`Changes by ${server.adminUsername}`).waitFor();
    expect(await page.getByRole("status").filter({ hasText: /^Page 1 of 1/ }).count()).toBe(1);
  });

  it("manages an agent's security from the agent page: flags, lock, two-step sign-in and picture", async () => {
    const { page, server } = fixture;
    const adminClient = await signedInClient(server, server.adminUsername, server.adminPassword);
    await adminClient.patch("/api/v1/settings/security", { lockoutThreshold: 2 });
    const agentClient = await signedInClient(server, agent.username, agent.password);
    const agentId = (await agentClient.get<SessionResponse>("/api/v1/auth/me")).body.user.id;
    await enrolMfa(agentClient);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await new TestClient(server.url).signIn(agent.username, "wrong-password");
    }

    await page.goto("/login");
    await signIn(page, server.adminUsername, server.adminPassword);
    await page.waitForURL("**/admin");
    await page.goto(`/admin/agents/${agentId}/security`);
    await page.getByRole("heading", { name: "Two-step sign-in" }).waitFor();

    await page.getByRole("button", { name: "Unlock" }).click();
    await page.getByText("Not locked.").waitFor();

    await page.getByRole("switch", { name: "Mask sensitive data" }).check();
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: /^Saved\.$/ }).waitFor();
    expect((await adminClient.get<UserSecurity>(`/api/v1/users/${agentId}/security`)).body).toMatchObject({ maskSensitiveData: true, locked: false });

    await page.getByRole("button", { name: "Reset two-step sign-in" }).click();
    await page.getByRole("dialog", { name: "Reset two-step sign-in?" }).getByRole("button", { name: "Reset" }).click();
    await page.getByText("Off. Alex Agent can turn it on").waitFor();

    const picker = page.getByLabel("Choose a picture");
    await picker.setInputFiles({ name: "animation.gif", mimeType: "image/png", buffer: Buffer.from("GIF89a-not-a-png") });
    await page.getByRole("alert").filter({ hasText: "The picture must be a PNG or JPG file." }).waitFor();
    await picker.setInputFiles({ name: "me.png", mimeType: "image/png", buffer: PNG });
    await page.getByRole("img", { name: "Preview of the chosen picture" }).waitFor();
    await page.getByRole("button", { name: "Upload picture" }).click();
    await page.getByRole("status").filter({ hasText: "Picture saved." }).waitFor();
    await page.getByRole("img", { name: "Alex Agent’s picture" }).waitFor();
    expect(await page.getByRole("img", { name: "Alex Agent’s picture" }).evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1);

    await page.getByRole("switch", { name: "Disabled" }).check();
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: /^Saved\.$/ }).waitFor();
    expect((await agentClient.get("/api/v1/auth/me")).status).toBe(401);
    expect((await new TestClient(server.url).signIn(agent.username, agent.password)).status).toBe(403);
  });
});
