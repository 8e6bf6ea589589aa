import { describe, expect, it } from "vitest";
import type { Page as ResultPage } from "../common/api/pagination.ts";
import { TestClient } from "../server/test/http-client.ts";
import { useBrowserFixture } from "./browser-fixture.ts";
import { hasChromium, reportMissingChromium } from "./browser.ts";
import { generatePassword, type TestUser } from "./harness.ts";
import { pathOf, signIn } from "./pages.ts";

reportMissingChromium();

const agent: TestUser = { username: "grace.agent", password: generatePassword(), role: "agent", fullName: "Grace Hopper" };

describe.skipIf(!hasChromium)("teams, queues and an agent's memberships", () => {
  const fixture = useBrowserFixture({ users: [agent] });

  async function agentId(): Promise<string> {
    const admin = new TestClient(fixture.server.url);
    await admin.signIn(fixture.server.adminUsername, fixture.server.adminPassword);
    const found = await admin.get<ResultPage<{ id: string }>>(`/api/v1/agents?search=${agent.username}`);
    const id = found.body.items[0]?.id;
    if (!id) {
      throw new Error(`agent ${agent.username} not found: ${JSON.stringify(found.body)}`);
    }
    return id;
  }

  it("creates a team and a queue, adds an agent to the team and to every queue of a channel, and shows it on the agent's tab", async () => {
    const { page, server } = fixture;
    await page.goto("/login");
    await signIn(page, server.adminUsername, server.adminPassword);
    const navigation = page.getByRole("navigation", { name: "Console" });

    // A team, created in its modal; the name's error shows next to the field first.
    await navigation.getByRole("link", { name: "Teams" }).click();
    await page.getByRole("heading", { name: "Teams", level: 1 }).waitFor();
    await page.getByRole("button", { name: "New team" }).click();
    const teamDialog = page.getByRole("dialog", { name: "New team" });
    await teamDialog.getByRole("button", { name: "Create team" }).click();
    expect(await teamDialog.getByLabel("Name").getAttribute("aria-invalid")).toBe("true");
    await teamDialog.getByLabel("Name").fill("Night shift");
    await teamDialog.getByRole("button", { name: "Create team" }).click();
    await teamDialog.waitFor({ state: "hidden" });
    await page.getByRole("status").filter({ hasText: "Created team “Night shift”." }).waitFor();

    // The agent joins it as a member, picked by name.
    await page.getByRole("link", { name: "Night shift" }).click();
    await page.getByRole("heading", { name: "Night shift", level: 1 }).waitFor();
    await page.getByLabel("Search agents").fill("Grace");
    await page.getByLabel("Grace Hopper").check();
    await page.getByLabel("Role in the team").selectOption("member");
    await page.getByRole("button", { name: "Add to team (1)" }).click();
    await page.getByRole("status").filter({ hasText: "Added Grace Hopper." }).waitFor();
    await page.getByRole("row", { name: /Grace Hopper/ }).waitFor();
    expect(await page.getByLabel("Role of Grace Hopper in the team").inputValue()).toBe("member");

    // Two SMS queues.
    await navigation.getByRole("link", { name: "Queues" }).click();
    for (const name of ["SMS sales", "SMS support"]) {
      await page.getByRole("button", { name: "New queue" }).click();
      const queueDialog = page.getByRole("dialog", { name: "New queue" });
      await queueDialog.getByLabel("Name").fill(name);
      await queueDialog.getByLabel("Channel").selectOption("sms");
      await queueDialog.getByLabel("Strategy").selectOption("longest-idle");
      await queueDialog.getByRole("button", { name: "Create queue" }).click();
      await queueDialog.waitFor({ state: "hidden" });
      await page.getByRole("row", { name: new RegExp(name) }).waitFor();
    }

    // The agent page's tab: every SMS queue in one click.
    await page.goto(`/admin/agents/${await agentId()}/memberships`);
    const teams = page.getByRole("list", { name: "Teams" });
    await teams.getByText("Night shift").waitFor();
    expect(await page.getByLabel("Role in Night shift").inputValue()).toBe("member");
    await page.getByLabel("Channel").selectOption("sms");
    await page.getByRole("button", { name: "Add to every SMS queue" }).click();
    await page.getByRole("status").filter({ hasText: "Added to 2 SMS queues." }).waitFor();
    const smsQueues = page.getByRole("list", { name: "SMS queues" });
    await smsQueues.getByText("SMS support").waitFor();
    expect(await smsQueues.getByRole("listitem").allTextContents()).toEqual([expect.stringContaining("SMS sales"), expect.stringContaining("SMS support")]);

    // Saved at once: a reload shows the same.
    await page.reload();
    await page.getByRole("list", { name: "SMS queues" }).getByText("SMS support").waitFor();
    expect(pathOf(page)).toMatch(/\/memberships$/);
  });

  it("deletes a queue after confirmation, and keeps it when cancelled", async () => {
    const { page, server } = fixture;
    await page.goto("/admin/queues");
    await signIn(page, server.adminUsername, server.adminPassword);
    await page.getByRole("button", { name: "New queue" }).click();
    const dialog = page.getByRole("dialog", { name: "New queue" });
    await dialog.getByLabel("Name").fill("Short-lived");
    await dialog.getByRole("button", { name: "Create queue" }).click();
    await page.getByRole("row", { name: /Short-lived/ }).waitFor();

    await page.getByRole("button", { name: "Delete Short-lived" }).click();
    await page.keyboard.press("Escape");
    await page.getByRole("dialog", { name: "Delete this queue?" }).waitFor({ state: "hidden" });
    expect(await page.getByRole("row", { name: /Short-lived/ }).count()).toBe(1);

    await page.getByRole("button", { name: "Delete Short-lived" }).click();
    await page.getByRole("dialog", { name: "Delete this queue?" }).getByRole("button", { name: "Delete queue" }).click();
    await page.getByRole("status").filter({ hasText: "Deleted queue “Short-lived”." }).waitFor();
    await page.getByRole("row", { name: /Short-lived/ }).waitFor({ state: "detached" });
  });
});
