import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Page as ListPage } from "../common/api/pagination.ts";
import { TestClient } from "../server/test/http-client.ts";
import { useBrowserFixture } from "./browser-fixture.ts";
import { hasChromium, reportMissingChromium } from "./browser.ts";
import { generatePassword, type TestUser } from "./harness.ts";
import { signIn } from "./pages.ts";

reportMissingChromium();

const capacityAgent: TestUser = { username: "chat_agent", password: generatePassword(), role: "agent", fullName: "Cara Chat" };
const moduleAgent: TestUser = { username: "module_agent", password: generatePassword(), role: "agent", fullName: "Mo Dule" };
const loggingAgent: TestUser = { username: "logging_agent", password: generatePassword(), role: "agent", fullName: "Lou Logs" };

describe.skipIf(!hasChromium)("channels, permissions and client logs", () => {
  const fixture = useBrowserFixture({ users: [capacityAgent, moduleAgent, loggingAgent] });

  async function adminClient(): Promise<TestClient> {
    const client = new TestClient(fixture.server.url);
    await client.signIn(fixture.server.adminUsername, fixture.server.adminPassword);
    return client;
  }

  async function agentId(username: string): Promise<string> {
    const found = await (await adminClient()).get<ListPage<{ id: string; username: string }>>(`/api/v1/agents?search=${username}`);
    const agent = found.body.items.find((item) => item.username === username);
    if (!agent) {
      throw new Error(`no agent ${username}`);
    }
    return agent.id;
  }

  async function signInAsAdmin(page: Page): Promise<void> {
    await page.goto("/login");
    await signIn(page, fixture.server.adminUsername, fixture.server.adminPassword);
    await page.getByRole("navigation", { name: "Console" }).waitFor();
  }

  async function openAgentDesktop(agent: TestUser): Promise<Page> {
    const context = await fixture.browser.newContext({ baseURL: fixture.server.url });
    const page = await context.newPage();
    await page.goto("/login");
    await signIn(page, agent.username, agent.password);
    await page.getByRole("navigation", { name: "Desktop" }).waitFor();
    await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
    return page;
  }

  it("sets the global chat default, then an agent's own chat capacity, showing the effective value and its source", async () => {
    const { page } = fixture;
    const id = await agentId(capacityAgent.username);
    await signInAsAdmin(page);

    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Channels" }).click();
    await page.getByRole("heading", { name: "Channels", level: 1 }).waitFor();
    await page.getByRole("switch", { name: "WhatsApp" }).check();
    await page.getByRole("button", { name: "Save channels" }).click();
    await page.getByRole("region", { name: "Channels of the account" }).getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await page.getByLabel("WhatsApp default capacity").waitFor();
    await page.getByLabel("Chat default capacity").fill("3");
    await page.getByRole("button", { name: "Save capacity" }).click();
    // Both forms on the page have their own status line: wait for the capacity form's.
    await page.getByRole("region", { name: "Capacity" }).getByRole("status").filter({ hasText: "Saved." }).waitFor();

    await page.goto(`/admin/agents/${id}/channels`);
    await page.getByRole("row", { name: /^WhatsApp/ }).waitFor();
    const chatRow = page.getByRole("row", { name: /^Chat/ });
    await chatRow.getByText("Global default").first().waitFor();
    expect(await chatRow.getByRole("cell").nth(1).textContent()).toBe("3Global default");

    await page.getByRole("button", { name: "Edit Chat" }).click();
    const dialog = page.getByRole("dialog", { name: "Chat settings" });
    await dialog.getByLabel("Capacity").fill("51");
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.getByText("At most 50").waitFor();
    expect(await dialog.getByLabel("Capacity").getAttribute("aria-invalid")).toBe("true");

    await dialog.getByLabel("Capacity").fill("5");
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.waitFor({ state: "hidden" });
    await chatRow.getByText("Agent's own").waitFor();
    expect(await chatRow.getByRole("cell").nth(1).textContent()).toBe("5Agent's own");

    const stored = await (await adminClient()).get<{ items: { channel: string; effective: { capacity: unknown } }[] }>(`/api/v1/agents/${id}/channels`);
    expect(stored.body.items.find((item) => item.channel === "chat")?.effective.capacity).toEqual({ value: 5, source: "agent" });
  });

  it("shows why Moments self-service is off, and that it is on once the Moments licence is", async () => {
    const { page } = fixture;
    const id = await agentId(capacityAgent.username);
    await signInAsAdmin(page);
    await page.goto(`/admin/agents/${id}/licences`);
    const status = page.getByRole("status").filter({ hasText: "Moments self-service" });
    await status.getByText("not allowed").waitFor();
    await status.getByText("The Moments licence is off.").waitFor();

    await page.getByRole("switch", { name: "Moments" }).check();
    await page.getByRole("button", { name: "Save licences" }).click();
    await status.getByText("Moments self-service: allowed").waitFor();

    await page.getByRole("switch", { name: "Administration" }).check();
    await page.getByRole("button", { name: "Save licences" }).click();
    await status.getByText("The Administration licence is on.").waitFor();
  });

  it("turns a module off: the agent's desktop drops it at once and its API answers 403", async () => {
    const { page } = fixture;
    const id = await agentId(moduleAgent.username);
    const desktop = await openAgentDesktop(moduleAgent);
    const desktopNavigation = desktop.getByRole("navigation", { name: "Desktop" });
    await desktopNavigation.getByRole("link", { name: "API tokens" }).waitFor();

    await signInAsAdmin(page);
    await page.goto(`/admin/agents/${id}/permissions`);
    const apiTokensSwitch = page.getByRole("switch", { name: "API tokens" });
    expect(await apiTokensSwitch.isChecked()).toBe(true);
    await apiTokensSwitch.uncheck();
    await page.getByRole("button", { name: "Save permissions" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();

    // No reload: the desktop follows the pushed change.
    await desktopNavigation.getByRole("link", { name: "API tokens" }).waitFor({ state: "detached" });
    expect(await desktopNavigation.getByRole("link", { name: "Inbox" }).count()).toBe(1);
    const status = await desktop.evaluate(async () => (await fetch("/api/v1/auth/tokens")).status);
    expect(status).toBe(403);
    await desktop.goto("/desktop/tokens");
    await desktop.getByText("API tokens is turned off for you.").waitFor();
    await desktop.context().close();
  });

  it("ships the desktop's log lines once an admin turns client logs on, and shows them to the admin", async () => {
    const { page } = fixture;
    const id = await agentId(loggingAgent.username);
    const desktop = await openAgentDesktop(loggingAgent);

    await signInAsAdmin(page);
    await page.goto(`/admin/agents/${id}/client-logs`);
    await page.getByRole("switch", { name: "Client logs" }).check();
    await page.getByLabel("Minimum level").selectOption("warning");
    await page.getByRole("button", { name: "Save client logs" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();

    await desktop.getByText("Client logs on (warning)").waitFor();
    // An uncaught error on the page is an error line; the desktop's own info and debug lines (its connection
    // and the pages it opens) are below the level.
    await desktop.evaluate(() => window.dispatchEvent(new ErrorEvent("error", { message: "queue view slow to load" })));
    // Hiding the page sends what is waiting at once.
    await desktop.evaluate(() => window.dispatchEvent(new Event("pagehide")));

    await expect.poll(async () => {
      await page.getByRole("button", { name: "Refresh" }).click();
      return page.getByRole("cell", { name: "Uncaught queue view slow to load" }).count();
    }, { timeout: 15_000 }).toBe(1);
    expect(await page.getByText("Real-time connection").count()).toBe(0);
    const download = await page.evaluate(async (path) => (await fetch(path)).text(), `/api/v1/agents/${id}/client-logs/download?format=text`);
    expect(download).toMatch(/ERROR +Uncaught queue view slow to load/);
    await desktop.context().close();
  });
});
