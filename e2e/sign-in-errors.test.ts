import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../server/test/http-client.ts";
import { hasChromium, launchBrowser, reportMissingChromium } from "./browser.ts";
import { generatePassword, startServer, type RunningServer, type TestUser } from "./harness.ts";
import { pathOf } from "./pages.ts";

reportMissingChromium();

const agent: TestUser = { username: "locked.agent", password: generatePassword(), role: "agent", fullName: "Lee Locked" };
const LOGIN_PATH = "/api/v1/auth/login";

// Sets the lockout threshold through the API, as an admin script would.
async function setLockoutThreshold(server: RunningServer, lockoutThreshold: number): Promise<void> {
  const admin = new TestClient(server.url);
  expect((await admin.signIn(server.adminUsername, server.adminPassword)).status).toBe(200);
  expect((await admin.patch("/api/v1/settings/security", { lockoutThreshold })).status).toBe(200);
}

// Submits the form and waits for the server's answer, so each attempt is counted before the next.
async function attemptSignIn(page: Page, username: string, password: string): Promise<number> {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  const [response] = await Promise.all([
    page.waitForResponse((candidate) => new URL(candidate.url()).pathname === LOGIN_PATH),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
  return response.status();
}

describe.skipIf(!hasChromium)("sign-in refusals", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startServer({ users: [agent], environment: { LOGIN_RATE_LIMIT: "6" } }),
      launchBrowser(),
    ]);
    await setLockoutThreshold(server, 2);
    page = await browser.newPage({ baseURL: server.url });
    await page.goto("/login");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows the server's explanation when the account is locked", async () => {
    expect(await attemptSignIn(page, agent.username, "Wrong-password-1")).toBe(401);
    expect(await attemptSignIn(page, agent.username, "Wrong-password-2")).toBe(401);

    expect(await attemptSignIn(page, agent.username, agent.password)).toBe(403);

    await page.getByRole("alert").filter({ hasText: "This account is locked" }).waitFor();
    expect(pathOf(page)).toBe("/login");
  });

  it("asks to wait a minute once the attempts are used up", async () => {
    let status = 0;
    for (let attempt = 0; attempt < 6 && status !== 429; attempt += 1) {
      status = await attemptSignIn(page, "nobody", "Wrong-password-3");
    }

    expect(status).toBe(429);
    await page.getByRole("alert").filter({ hasText: "Too many attempts, try again in a minute." }).waitFor();
  });
});
