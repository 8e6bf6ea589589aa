import { describe, expect, it } from "vitest";
import { useBrowserFixture } from "./browser-fixture.ts";
import { hasChromium, reportMissingChromium } from "./browser.ts";
import { generatePassword, type TestUser } from "./harness.ts";
import { pathOf, signIn } from "./pages.ts";

reportMissingChromium();

const supervisor: TestUser = {
  username: "sam.supervisor",
  password: generatePassword(),
  role: "supervisor",
  fullName: "Sam Supervisor",
};

describe.skipIf(!hasChromium)("security settings", () => {
  const fixture = useBrowserFixture({ users: [supervisor] });

  it("lets an admin change the lockout threshold", async () => {
    const { page, server } = fixture;
    await page.goto("/admin/security");
    await signIn(page, server.adminUsername, server.adminPassword);
    const threshold = page.getByLabel("Failed sign-ins before an account locks");
    await threshold.waitFor();
    expect(pathOf(page)).toBe("/admin/security");

    await threshold.fill("101");
    await page.getByRole("button", { name: "Save" }).click();
    expect(await threshold.getAttribute("aria-invalid")).toBe("true");

    await threshold.fill("3");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();

    await page.reload();
    await page.getByText("An account locks after 3 failed sign-ins in a row.").waitFor();
    expect(await threshold.inputValue()).toBe("3");
  });

  it("shows a supervisor the console without the Security page", async () => {
    const { page } = fixture;
    await page.goto("/login");
    await signIn(page, supervisor.username, supervisor.password);
    const navigation = page.getByRole("navigation", { name: "Console" });
    await navigation.waitFor();

    // Other areas add their own sections; what matters here is that the admin-only ones are absent.
    const links = await navigation.getByRole("link").allTextContents();
    expect(links).toEqual(expect.arrayContaining(["Overview", "API tokens"]));
    expect(links).not.toContain("Security");
    expect(links).not.toContain("Audit log");

    await page.goto("/admin/security");
    await page.getByRole("heading", { name: "Console" }).waitFor();
    expect(pathOf(page)).toBe("/admin");
  });
});
