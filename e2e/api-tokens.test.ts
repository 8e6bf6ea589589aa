import { beforeEach, describe, expect, it } from "vitest";
import { useBrowserFixture } from "./browser-fixture.ts";
import { hasChromium, reportMissingChromium } from "./browser.ts";
import { signIn } from "./pages.ts";

reportMissingChromium();

describe.skipIf(!hasChromium)("API tokens", () => {
  const fixture = useBrowserFixture({}, (server) => ({ permissions: ["clipboard-read", "clipboard-write"], baseURL: server.url }));

  const meWithToken = (secret: string) =>
    fetch(`${fixture.server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${secret}` } });

  beforeEach(async () => {
    const { page, server } = fixture;
    await page.goto("/login");
    await signIn(page, server.adminUsername, server.adminPassword);
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "API tokens" }).click();
    await page.getByRole("heading", { name: "API tokens", level: 1 }).waitFor();
  });

  it("creates a token, shows its secret once, and revokes it after confirmation", async () => {
    const { page } = fixture;
    await page.getByLabel("Name").fill("CRM sync");
    await page.getByRole("button", { name: "Create token" }).click();

    await page.getByText("it won’t be shown again").waitFor();
    const secret = await page.getByLabel("Secret").inputValue();
    expect((await meWithToken(secret)).status).toBe(200);
    await page.getByRole("button", { name: "Copy secret" }).click();
    await page.getByText("Copied to the clipboard.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await page.getByRole("row", { name: /CRM sync/ }).waitFor();

    await page.getByRole("button", { name: "Done" }).click();
    expect(await page.getByLabel("Secret").count()).toBe(0);

    await page.getByRole("button", { name: "Revoke CRM sync" }).click();
    const dialog = page.getByRole("dialog", { name: "Revoke this token?" });
    await dialog.getByRole("button", { name: "Revoke token" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText("No API tokens yet.").waitFor();
    expect((await meWithToken(secret)).status).toBe(401);
  });

  it("keeps the token when the confirmation is cancelled", async () => {
    const { page } = fixture;
    await page.getByLabel("Name").fill("Reporting");
    await page.getByRole("button", { name: "Create token" }).click();
    await page.getByRole("row", { name: /Reporting/ }).waitFor();

    await page.getByRole("button", { name: "Revoke Reporting" }).click();
    await page.keyboard.press("Escape");

    await page.getByRole("dialog").waitFor({ state: "hidden" });
    expect(await page.getByRole("row", { name: /Reporting/ }).count()).toBe(1);
  });

  it("shows the name's error next to the field", async () => {
    const { page } = fixture;
    await page.getByRole("button", { name: "Create token" }).click();

    const name = page.getByLabel("Name");
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await name.getAttribute("aria-describedby")) ?? "";
    const errorId = describedBy.split(" ").find((id) => id.endsWith("-error")) ?? "";
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe("Required");
  });
});
