import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { CustomStatus } from "../common/api/presence.ts";
import { TestClient } from "../server/test/http-client.ts";
import { useBrowserFixture } from "./browser-fixture.ts";
import { hasChromium, reportMissingChromium } from "./browser.ts";
import { generatePassword, type TestUser } from "./harness.ts";
import { signIn } from "./pages.ts";

reportMissingChromium();

const breakTaker: TestUser = { username: "break_taker", password: generatePassword(), role: "agent", fullName: "Bea Break" };

describe.skipIf(!hasChromium)("custom statuses in the admin console", () => {
  const fixture = useBrowserFixture({ users: [breakTaker] });

  async function openStatuses(page: Page): Promise<void> {
    await page.goto("/login");
    await signIn(page, fixture.server.adminUsername, fixture.server.adminPassword);
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Statuses" }).click();
    await page.getByRole("heading", { name: "Statuses", level: 1 }).waitFor();
  }

  async function statusesFromApi(): Promise<CustomStatus[]> {
    const client = new TestClient(fixture.server.url);
    await client.signIn(breakTaker.username, breakTaker.password);
    return (await client.get<{ items: CustomStatus[] }>("/api/v1/custom-statuses")).body.items;
  }

  async function createStatus(page: Page, name: string, pausesRouting: boolean): Promise<void> {
    await page.getByRole("button", { name: "New status" }).click();
    const dialog = page.getByRole("dialog", { name: "New status" });
    await dialog.getByLabel("Name").fill(name);
    const pauses = dialog.getByRole("switch", { name: "Pauses routing" });
    expect(await pauses.isChecked()).toBe(true);
    if (!pausesRouting) {
      await pauses.uncheck();
    }
    await dialog.getByRole("button", { name: "Create status" }).click();
    await page.getByRole("status").filter({ hasText: `Created status “${name}”.` }).waitFor();
  }

  it("creates, renames, toggles and deletes statuses, refusing a taken name and a status in use", async () => {
    const { page } = fixture;
    await openStatuses(page);
    await page.getByText("No statuses yet").waitFor();

    await createStatus(page, "Break", true);
    await createStatus(page, "Lunch", false);
    expect(await page.getByRole("switch", { name: "Break pauses routing" }).isChecked()).toBe(true);
    expect(await page.getByRole("switch", { name: "Lunch pauses routing" }).isChecked()).toBe(false);

    // A taken name, ignoring case, is shown next to the field.
    await page.getByRole("button", { name: "New status" }).click();
    const duplicate = page.getByRole("dialog", { name: "New status" });
    await duplicate.getByLabel("Name").fill("break");
    await duplicate.getByRole("button", { name: "Create status" }).click();
    await duplicate.getByText("Already used by another status").waitFor();
    expect(await duplicate.getByLabel("Name").getAttribute("aria-invalid")).toBe("true");
    await duplicate.getByRole("button", { name: "Cancel" }).click();
    await duplicate.waitFor({ state: "hidden" });

    await page.getByRole("button", { name: "Edit Lunch" }).click();
    const edit = page.getByRole("dialog", { name: "Edit status “Lunch”" });
    await edit.getByLabel("Name").fill("Late lunch");
    await edit.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Saved status “Late lunch”." }).waitFor();
    await page.getByRole("rowheader", { name: "Late lunch" }).waitFor();

    await page.getByRole("switch", { name: "Late lunch pauses routing" }).check();
    await page.getByRole("status").filter({ hasText: "“Late lunch” pauses routing." }).waitFor();
    expect((await statusesFromApi()).map(({ name, pausesRouting }) => ({ name, pausesRouting }))).toEqual([
      { name: "Break", pausesRouting: true },
      { name: "Late lunch", pausesRouting: true },
    ]);

    // An agent on a break: the status cannot go while it pauses their routing.
    const agent = new TestClient(fixture.server.url);
    await agent.signIn(breakTaker.username, breakTaker.password);
    const breakStatus = (await statusesFromApi()).find((status) => status.name === "Break");
    const onBreak = await agent.request("PUT", "/api/v1/presence/me/status", { status: "custom", customStatusId: breakStatus?.id });
    expect(onBreak.status).toBe(200);
    await page.getByRole("button", { name: "Delete Break" }).click();
    const refuse = page.getByRole("dialog", { name: "Delete this status?" });
    await refuse.getByRole("button", { name: "Delete status" }).click();
    await refuse.getByRole("alert").filter({ hasText: "1 person is in “Break”" }).waitFor();
    await refuse.getByRole("button", { name: "Cancel" }).click();
    await refuse.waitFor({ state: "hidden" });

    await page.getByRole("button", { name: "Delete Late lunch" }).click();
    await page.getByRole("dialog", { name: "Delete this status?" }).getByRole("button", { name: "Delete status" }).click();
    await page.getByRole("status").filter({ hasText: "Deleted status “Late lunch”." }).waitFor();
    await page.getByRole("rowheader", { name: "Late lunch" }).waitFor({ state: "detached" });
    expect((await statusesFromApi()).map((status) => status.name)).toEqual(["Break"]);
  });

  it("shows another admin's new status without a reload", async () => {
    const { page } = fixture;
    await openStatuses(page);
    // The list has loaded (empty or not) before the other admin acts.
    await page.getByRole("table", { name: "Custom statuses" }).or(page.getByText("No statuses yet")).waitFor();
    const admin = new TestClient(fixture.server.url);
    await admin.signIn(fixture.server.adminUsername, fixture.server.adminPassword);
    expect((await admin.post("/api/v1/custom-statuses", { name: "Training", pausesRouting: false })).status).toBe(201);
    await page.getByRole("rowheader", { name: "Training" }).waitFor();
    expect(await page.getByRole("switch", { name: "Training pauses routing" }).isChecked()).toBe(false);
  });
});
