import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { beforeEach, describe, expect, it } from "vitest";
import type { Agent } from "../common/api/agents.ts";
import { TestClient } from "../server/test/http-client.ts";
import { useBrowserFixture } from "./browser-fixture.ts";
import { hasChromium, reportMissingChromium } from "./browser.ts";
import { pathOf, signIn } from "./pages.ts";

reportMissingChromium();

describe.skipIf(!hasChromium)("Agents console", () => {
  const fixture = useBrowserFixture({}, (server) => ({ baseURL: server.url, acceptDownloads: true }));

  const adminApi = async () => {
    const client = new TestClient(fixture.server.url);
    await client.signIn(fixture.server.adminUsername, fixture.server.adminPassword);
    return client;
  };

  const search = async (page: Page, text: string) => {
    await page.getByRole("searchbox", { name: "Search" }).fill(text);
    await page.waitForURL((url) => url.searchParams.get("search") === text);
  };

  beforeEach(async () => {
    const { page, server } = fixture;
    await page.goto("/login");
    await signIn(page, server.adminUsername, server.adminPassword);
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Agents", exact: true }).click();
    await page.getByRole("heading", { name: "Agents", level: 1 }).waitFor();
  });

  it("creates an agent, finds it, fixes a refused voice setting and deletes it after confirmation", async () => {
    const { page } = fixture;
    await page.getByRole("button", { name: "New agent" }).click();
    const dialog = page.getByRole("dialog", { name: "New agent" });
    await dialog.getByLabel("Full name").fill("Ada Lovelace");
    await dialog.getByLabel("Username").fill("ada.lovelace");
    await dialog.getByLabel("E-mail").fill("ada@example.com");
    await dialog.getByLabel("Password").fill("Analytical-engine-1");
    await dialog.getByRole("button", { name: "Create agent" }).click();
    await page.getByRole("heading", { name: "Ada Lovelace", level: 1 }).waitFor();
    expect(pathOf(page)).toMatch(/^\/admin\/agents\/[0-9a-f-]{36}\/account$/);
    const agentId = pathOf(page).split("/")[3] ?? "";

    await page.getByRole("link", { name: "Agents", exact: true }).first().click();
    await search(page, "lovelace");
    await page.getByRole("status").filter({ hasText: "1–1 of 1 agents" }).waitFor();
    await page.getByRole("link", { name: "Ada Lovelace" }).click();
    await page.getByRole("navigation", { name: "Agent settings" }).getByRole("link", { name: "Voice" }).click();

    const codecs = page.getByRole("group", { name: "Allowed codecs" });
    await codecs.getByRole("checkbox", { name: "g729" }).check();
    await page.getByRole("button", { name: "Save" }).click();
    await codecs.getByText("G729 is not supported by webrtc agents").waitFor();
    expect(await codecs.getAttribute("aria-invalid")).toBe("true");

    await codecs.getByRole("checkbox", { name: "g729" }).uncheck();
    await page.getByRole("switch", { name: "Chanspy" }).check();
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    const stored = await (await adminApi()).get<Agent>(`/api/v1/agents/${agentId}`);
    expect(stored.body.voiceSettings).toMatchObject({ chanspy: true, allowedCodecs: ["ulaw", "alaw"] });

    // A refusal only the server can know about, shown next to its field too.
    const taken = await (await adminApi()).post<Agent>("/api/v1/agents", { username: "taken_extension", fullName: "Taken", password: "Taken-password-1", typology: "webrtc" });
    await page.getByRole("navigation", { name: "Agent settings" }).getByRole("link", { name: "Account" }).click();
    const extension = page.getByRole("textbox", { name: "Extension" });
    await extension.fill(taken.body.extension ?? "");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Already in use").waitFor();
    expect(await extension.getAttribute("aria-invalid")).toBe("true");
    await extension.fill("4711");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await page.getByText("extension 4711").waitFor();

    await page.getByRole("link", { name: "Agents", exact: true }).first().click();
    await search(page, "lovelace");
    await page.getByRole("checkbox", { name: "Select Ada Lovelace" }).check();
    await page.getByRole("button", { name: "Delete selected" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete 1 agent?" });
    await confirm.getByRole("button", { name: "Delete 1 agent" }).click();
    await confirm.waitFor({ state: "hidden" });
    await page.getByText("Deleted 1 agent.").waitFor();
    await page.getByText("No agent matches.").waitFor();
    expect((await (await adminApi()).get(`/api/v1/agents/${agentId}`)).status).toBe(404);
  });

  it("downloads the selected agents, and all matching agents, as CSV", async () => {
    const { page } = fixture;
    const api = await adminApi();
    for (const [username, fullName] of [
      ["csv_grace", "Grace Hopper"],
      ["csv_alan", "Alan Turing"],
    ]) {
      const created = await api.post("/api/v1/agents", { username, fullName, password: "Export-password-1", typology: "external", alias: "=cmd" });
      expect(created.status).toBe(201);
    }
    await search(page, "csv_");
    await page.getByRole("checkbox", { name: "Select Grace Hopper" }).check();

    const [selectedDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export selected" }).click()]);
    expect(selectedDownload.suggestedFilename()).toMatch(/^agents-\d{4}-\d{2}-\d{2}\.csv$/);
    const selectedLines = (await readFile(await selectedDownload.path(), "utf8")).trim().split("\r\n");
    expect(selectedLines).toHaveLength(2);
    expect(selectedLines[0]).toMatch(/^Username,Full name,Alias,/);
    expect(selectedLines[1]).toMatch(/^csv_grace,Grace Hopper,'=cmd,/);

    const [allDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export all matching" }).click()]);
    const allLines = (await readFile(await allDownload.path(), "utf8")).trim().split("\r\n");
    expect(allLines.slice(1).map((line) => line.split(",")[0])).toEqual(["csv_alan", "csv_grace"]);
  });
});
