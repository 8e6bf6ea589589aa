import path from "node:path";
import { describe, expect, it } from "vitest";
import { useBrowserFixture } from "./browser-fixture.ts";
import { hasChromium, reportMissingChromium } from "./browser.ts";
import { pathOf, signIn } from "./pages.ts";

const SCREENSHOT_PATH = path.resolve(import.meta.dirname, "../docs/screenshot-console.png");

reportMissingChromium();

describe.skipIf(!hasChromium)("signing in to the console", () => {
  const fixture = useBrowserFixture({}, () => ({ viewport: { width: 1280, height: 800 } }));

  it("signs the admin in to the console", async () => {
    const { page, server } = fixture;
    await page.goto("/admin");
    await page.waitForURL("**/login");

    await signIn(page, server.adminUsername, server.adminPassword);

    await page.getByRole("heading", { name: "Console" }).waitFor();
    await page.getByRole("navigation", { name: "Console" }).waitFor();
    expect(pathOf(page)).toBe("/admin");
    await page.getByRole("status").filter({ hasText: "Ready" }).waitFor();
    if (process.env.UPDATE_SCREENSHOT === "1") {
      await page.screenshot({ path: SCREENSHOT_PATH });
    }
  });

  it("says so when the password is wrong, and stays on the sign-in page", async () => {
    const { page, server } = fixture;
    await page.goto("/login");

    await signIn(page, server.adminUsername, `${server.adminPassword}-wrong`);

    await page.getByRole("alert").filter({ hasText: "Wrong username or password." }).waitFor();
    expect(pathOf(page)).toBe("/login");
  });

  it("signs out to the sign-in page, after which the console asks to sign in again", async () => {
    const { page, server } = fixture;
    await page.goto("/login");
    await signIn(page, server.adminUsername, server.adminPassword);
    await page.getByRole("heading", { name: "Console" }).waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    expect(pathOf(page)).toBe("/login");

    await page.goto("/admin");
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    expect(pathOf(page)).toBe("/login");
  });
});
