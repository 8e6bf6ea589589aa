import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgent } from "../server/test/agent-factories.ts";
import { useBrowserFixture } from "./browser-fixture.ts";
import { hasChromium, reportMissingChromium } from "./browser.ts";
import { generatePassword } from "./harness.ts";
import { createOpenChannelEntryPoint, postCustomerMessage, signedInClient, startWebhookReceiver, type WebhookReceiver } from "./open-channel-fixture.ts";
import { signIn } from "./pages.ts";

reportMissingChromium();

// issue 7, item 7: an agent creates a personal notification, a customer message containing the phrase arrives on
// that agent's conversation, the toast with the content shows, and the agent's report counts it.
describe.skipIf(!hasChromium)("moments in the browser", () => {
  const fixture = useBrowserFixture();
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });

  const momentsNavigation = (page: Page) => page.getByRole("navigation", { name: "Desktop" }).getByRole("link", { name: "Moments", exact: true });

  it("lets an agent set up a personal notification and shows its content the moment the customer says the phrase", async () => {
    const admin = await signedInClient(fixture.server.url, fixture.server.adminUsername, fixture.server.adminPassword);
    const password = generatePassword();
    const agent = await createAgent(admin, { fullName: "Mona Moments", password });
    expect((await admin.request("PUT", `/api/v1/agents/${agent.id}/licences`, { moments: true })).status).toBe(200);
    const entryPoint = await createOpenChannelEntryPoint(admin, { slug: "web-moments", memberIds: [agent.id], webhookUrl: receiver.url });

    const { page } = fixture;
    await page.goto("/login");
    await signIn(page, agent.username, password);
    await page.getByRole("navigation", { name: "Desktop" }).waitFor();
    await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
    await expect.poll(() => page.getByLabel("Status", { exact: true }).inputValue()).toBe("ready");

    // Her own content item, then her own notification showing it.
    await momentsNavigation(page).click();
    await page.getByRole("heading", { name: "Moments", level: 1 }).waitFor();
    await page.getByRole("tab", { name: "Content" }).click();
    await page.getByRole("button", { name: "New content item" }).click();
    const contentForm = page.getByRole("form", { name: "New content item" });
    await contentForm.getByLabel("Title").fill("Retention offer");
    await contentForm.getByRole("textbox", { name: "Text" }).fill("Offer three months at half price before cancelling.");
    await contentForm.getByRole("button", { name: "Create content" }).click();
    await page.getByRole("table", { name: "Content items" }).getByRole("rowheader", { name: "Retention offer" }).waitFor();

    await page.getByRole("tab", { name: "Notifications" }).click();
    await page.getByRole("button", { name: "New notification" }).click();
    const form = page.getByRole("form", { name: "New notification" });
    await form.getByLabel("Name", { exact: true }).fill("Cancellation risk");
    await form.getByLabel("Any of these phrases").fill("cancel* my plan");
    await form.getByRole("checkbox", { name: "Retention offer" }).check();
    await form.getByText("Your notifications reach you alone.").waitFor();
    await form.getByLabel("Sample text").fill("I want to CANCEL my plan.");
    await form.getByRole("button", { name: "Try", exact: true }).click();
    await form.getByRole("status", { name: "What would fire" }).getByText(/^This notification: would fire/).waitFor();
    await form.getByRole("button", { name: "Create notification" }).click();
    await page.getByRole("table", { name: "Notifications" }).getByRole("rowheader", { name: "Cancellation risk" }).waitFor();

    // A customer writes; she accepts; then the customer says the phrase.
    await page.getByRole("navigation", { name: "Desktop" }).getByRole("link", { name: "Inbox", exact: true }).click();
    const conversation = { conversationId: "moments-1", customer: { id: "carl@example.com", name: "Carl Customer" } };
    await postCustomerMessage(fixture.server.url, entryPoint, { ...conversation, body: "Hello, a question about my account" });
    await page.getByRole("region", { name: "Incoming alerts" }).getByRole("button", { name: "Accept Carl Customer" }).click();
    await page.getByRole("tab", { name: /Carl Customer/, selected: true }).waitFor();
    await postCustomerMessage(fixture.server.url, entryPoint, { ...conversation, body: "Honestly I'd like to cancel my plan today." });

    const toast = page.getByRole("region", { name: "Moments" }).getByRole("article", { name: "Cancellation risk" });
    await toast.waitFor();
    await toast.getByText("Conversation with Carl Customer").waitFor();
    await toast.getByText("Offer three months at half price before cancelling.").waitFor();
    expect(await toast.locator("q").textContent()).toBe("cancel my plan");
    const beside = page.getByRole("complementary", { name: "Moments for this conversation" });
    await beside.getByRole("article", { name: "Cancellation risk" }).waitFor();
    await toast.getByRole("button", { name: "Helpful" }).click();
    await beside.getByRole("button", { name: "Marked helpful" }).waitFor();

    // Her report counts it.
    await momentsNavigation(page).click();
    await page.getByRole("tab", { name: "Reports" }).click();
    await page.getByRole("status").filter({ hasText: /^1 firing$/ }).waitFor();
    await page.getByRole("table", { name: "Per notification" }).getByRole("row", { name: /Cancellation risk 1 1 0/ }).waitFor();
    expect(await page.getByLabel("Agent").count()).toBe(0);
  });
});
