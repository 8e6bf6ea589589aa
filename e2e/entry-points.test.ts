import { describe, expect, it } from "vitest";
import type { EntryPoint } from "../common/api/entry-points.ts";
import type { ErrorBody } from "../common/api/errors.ts";
import type { Page as ResultPage } from "../common/api/pagination.ts";
import type { Queue } from "../common/api/queues.ts";
import { TestClient } from "../server/test/http-client.ts";
import { useBrowserFixture } from "./browser-fixture.ts";
import { hasChromium, reportMissingChromium } from "./browser.ts";
import { signIn } from "./pages.ts";

reportMissingChromium();

describe.skipIf(!hasChromium)("entry points", () => {
  const fixture = useBrowserFixture();

  async function adminClient(): Promise<TestClient> {
    const client = new TestClient(fixture.server.url);
    await client.signIn(fixture.server.adminUsername, fixture.server.adminPassword);
    return client;
  }

  async function createQueues(admin: TestClient, channel: string, names: string[]): Promise<void> {
    for (const name of names) {
      const response = await admin.post<Queue>("/api/v1/queues", { name, channel });
      expect(response.status).toBe(201);
    }
  }

  async function entryPointNamed(admin: TestClient, name: string): Promise<EntryPoint | undefined> {
    const found = await admin.get<ResultPage<EntryPoint>>(`/api/v1/entry-points?search=${encodeURIComponent(name)}`);
    return found.body.items.find((item) => item.name === name);
  }

  it("creates an open-channel entry point with an ordered queue chain, shows its key once, reorders the chain, and deletes it after confirmation", async () => {
    const admin = await adminClient();
    expect((await admin.patch("/api/v1/settings/account", { enabledChannels: ["voice", "sms", "chat", "openchannel"] })).status).toBe(200);
    await createQueues(admin, "openchannel", ["Partner tier 1", "Partner tier 2"]);

    const { page, server } = fixture;
    await page.goto("/login");
    await signIn(page, server.adminUsername, server.adminPassword);
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Entry points" }).click();
    await page.getByRole("heading", { name: "Entry points", level: 1 }).waitFor();
    await page.getByText("No entry points yet.").waitFor();

    await page.getByRole("button", { name: "New entry point" }).click();
    const dialog = page.getByRole("dialog", { name: "New entry point" });
    await dialog.getByLabel("Name").fill("Partner portal");
    await dialog.getByLabel("Channel").selectOption("openchannel");
    await dialog.getByLabel("Address").fill("Partner Portal!");
    await dialog.getByRole("button", { name: "Create entry point" }).click();
    // The same schema as the server: the address is a slug, the chain needs a queue, the webhook is required.
    await dialog.getByText("Lower-case letters, digits and hyphens, at most 64 (web-chat)").waitFor();
    await dialog.getByText("At least one queue").waitFor();
    await dialog.getByText("Required for an open channel (where agents' replies are posted)").waitFor();
    expect(await dialog.getByLabel("Address").getAttribute("aria-invalid")).toBe("true");

    await dialog.getByLabel("Address").fill("partner-portal");
    await dialog.getByLabel("Queue to add").selectOption({ label: "Partner tier 1" });
    await dialog.getByRole("button", { name: "Add queue" }).click();
    await dialog.getByLabel("Queue to add").selectOption({ label: "Partner tier 2" });
    await dialog.getByRole("button", { name: "Add queue" }).click();
    await dialog.getByRole("button", { name: "Move Partner tier 2 up" }).click();
    expect(await dialog.getByRole("list", { name: "Queues in order" }).getByRole("listitem").allTextContents()).toEqual([
      expect.stringContaining("1. Partner tier 2"),
      expect.stringContaining("2. Partner tier 1"),
    ]);
    await dialog.getByLabel("Webhook URL").fill("https://partner.example/switchboard");
    await dialog.getByRole("button", { name: "Create entry point" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByRole("status").filter({ hasText: "Created entry point “Partner portal”." }).waitFor();

    // The inbound key, shown this once.
    const notice = page.getByRole("region", { name: "Inbound key of “Partner portal”" });
    const inboundKey = await notice.getByLabel("Inbound key").inputValue();
    expect(inboundKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const created = await entryPointNamed(admin, "Partner portal");
    expect(created?.queues.map((queue) => queue.name)).toEqual(["Partner tier 2", "Partner tier 1"]);
    expect(created).toMatchObject({ channel: "openchannel", address: "partner-portal", webhookUrl: "https://partner.example/switchboard", hasInboundKey: true });
    // The key opens the inbound API (a bad body is then a 400, not a 401); another key does not.
    const withKey = await TestClient.withToken(server.url, inboundKey).post<ErrorBody>(`/api/v1/open-channel/${created?.id}/messages`, {});
    expect(withKey.status).toBe(400);
    expect((await TestClient.withToken(server.url, "not-the-key").post(`/api/v1/open-channel/${created?.id}/messages`, {})).status).toBe(401);

    await notice.getByRole("button", { name: "Done" }).click();
    await notice.waitFor({ state: "detached" });
    await page.reload();
    await page.getByRole("row", { name: /Partner portal/ }).waitFor();
    expect(await page.content()).not.toContain(inboundKey);

    // Edit: the signing secret is there for the receiver; the chain goes back to tier 1 first.
    await page.getByRole("button", { name: "Edit Partner portal" }).click();
    const editDialog = page.getByRole("dialog", { name: "Edit entry point “Partner portal”" });
    expect(await editDialog.getByLabel("Signing secret").inputValue()).toBe(created?.webhookSecret);
    await editDialog.getByRole("button", { name: "Move Partner tier 1 up" }).click();
    await editDialog.getByRole("button", { name: "Save" }).click();
    await editDialog.waitFor({ state: "hidden" });
    await page.getByRole("status").filter({ hasText: "Saved entry point “Partner portal”." }).waitFor();
    const chain = page.getByRole("list", { name: "Queue chain of Partner portal" }).getByRole("listitem");
    await chain.first().filter({ hasText: "Partner tier 1" }).waitFor();
    expect(await chain.allTextContents()).toEqual(["Partner tier 1", "Partner tier 2"]);
    expect((await entryPointNamed(admin, "Partner portal"))?.queues.map((queue) => queue.name)).toEqual(["Partner tier 1", "Partner tier 2"]);

    // A new key replaces the old one, after a confirmation.
    await page.getByRole("button", { name: "New inbound key for Partner portal" }).click();
    await page.getByRole("dialog", { name: "Replace the inbound key?" }).getByRole("button", { name: "Replace key" }).click();
    const newKey = await page.getByRole("region", { name: "Inbound key of “Partner portal”" }).getByLabel("Inbound key").inputValue();
    expect(newKey).not.toBe(inboundKey);
    expect((await TestClient.withToken(server.url, inboundKey).post(`/api/v1/open-channel/${created?.id}/messages`, {})).status).toBe(401);

    // Delete, after a confirmation that can be cancelled.
    await page.getByRole("button", { name: "Delete Partner portal" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete this entry point?" });
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await confirm.waitFor({ state: "hidden" });
    expect(await entryPointNamed(admin, "Partner portal")).toBeDefined();
    await page.getByRole("button", { name: "Delete Partner portal" }).click();
    await confirm.getByRole("button", { name: "Delete entry point" }).click();
    await page.getByRole("status").filter({ hasText: "Deleted entry point “Partner portal”." }).waitFor();
    await page.getByText("No entry points yet.").waitFor();
    expect(await entryPointNamed(admin, "Partner portal")).toBeUndefined();
  });

  it("offers only queues of the entry point's channel, and shows the server's refusal of a taken address next to the form", async () => {
    const admin = await adminClient();
    await createQueues(admin, "sms", ["Texts"]);
    await createQueues(admin, "voice", ["Calls"]);
    const texts = (await admin.get<ResultPage<Queue>>("/api/v1/queues?channel=sms&search=Texts")).body.items[0];
    expect((await admin.post("/api/v1/entry-points", { name: "Main number", channel: "sms", address: "+14155550100", queueIds: [texts?.id] })).status).toBe(201);

    const { page, server } = fixture;
    await page.goto("/login");
    await signIn(page, server.adminUsername, server.adminPassword);
    await page.getByRole("navigation", { name: "Console" }).waitFor();
    await page.goto("/admin/entry-points");
    await page.getByRole("row", { name: /Main number/ }).waitFor();
    await page.getByRole("button", { name: "New entry point" }).click();
    const dialog = page.getByRole("dialog", { name: "New entry point" });
    await dialog.getByLabel("Name").fill("Second number");
    await dialog.getByLabel("Channel").selectOption("sms");
    const choices = await dialog.getByLabel("Queue to add").locator("option").allTextContents();
    expect(choices).toContain("Texts");
    expect(choices).not.toContain("Calls");
    await dialog.getByLabel("Address").fill("+14155550100");
    await dialog.getByRole("button", { name: "Add queue" }).click();
    await dialog.getByRole("button", { name: "Create entry point" }).click();
    await dialog.getByText("address: already used by another sms entry point").waitFor();
    await dialog.getByLabel("Address").fill("+14155550101");
    await dialog.getByRole("button", { name: "Create entry point" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByRole("row", { name: /Second number/ }).waitFor();
    // No key for a channel other than the open channel.
    expect(await page.getByRole("region", { name: /Inbound key/ }).count()).toBe(0);
  });
});
