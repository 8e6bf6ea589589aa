import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgent } from "../server/test/agent-factories.ts";
import { inboundSmsParams, postSignedForm, startFakeTwilio, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, type FakeTwilio } from "../server/test/fake-twilio.ts";
import type { TestClient } from "../server/test/http-client.ts";
import { useBrowserFixture } from "./browser-fixture.ts";
import { hasChromium, reportMissingChromium } from "./browser.ts";
import { generatePassword } from "./harness.ts";
import { signedInClient } from "./open-channel-fixture.ts";
import { signIn } from "./pages.ts";

reportMissingChromium();

// The address Twilio is configured with; signatures are computed over it (a proxy would forward it to us).
const PUBLIC_URL = "http://sms.example.test";
const FOURTEEN_DAYS = 14 * 24 * 3600;

describe.skipIf(!hasChromium)("two-way texting in the agent desktop", () => {
  let twilio: FakeTwilio;
  beforeAll(async () => {
    twilio = await startFakeTwilio();
  });
  const fixture = useBrowserFixture({
    environment: {
      TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
      PUBLIC_URL,
      get TWILIO_API_BASE() {
        return twilio.url;
      },
    },
  });
  const extraContexts: BrowserContext[] = [];
  afterAll(async () => {
    await Promise.all(extraContexts.map((context) => context.close()));
    await twilio.close();
  });

  const admin = () => signedInClient(fixture.server.url, fixture.server.adminUsername, fixture.server.adminPassword);

  async function newAgent(client: TestClient, fullName: string): Promise<{ id: string; username: string; password: string }> {
    const password = generatePassword();
    const agent = await createAgent(client, { fullName, password });
    return { id: agent.id, username: agent.username, password };
  }

  async function openDesktop(agent: { username: string; password: string }, page?: Page): Promise<Page> {
    let desktop = page;
    if (!desktop) {
      const context = await fixture.browser.newContext({ baseURL: fixture.server.url });
      extraContexts.push(context);
      desktop = await context.newPage();
    }
    await desktop.goto("/login");
    await signIn(desktop, agent.username, agent.password);
    await desktop.getByRole("navigation", { name: "Desktop" }).waitFor();
    await desktop.getByRole("status").filter({ hasText: "Live" }).waitFor();
    await expect.poll(() => desktop.getByLabel("Status", { exact: true }).inputValue()).toBe("ready");
    return desktop;
  }

  /** A ring-all texting queue of 14 days with these agents, and an SMS number on it. */
  async function textingLine(client: TestClient, number: string, memberIds: string[]): Promise<void> {
    const queue = await client.post<{ id: string }>("/api/v1/queues", { name: `Texting ${number}`, channel: "sms", strategy: "ring-all", timeoutSeconds: FOURTEEN_DAYS });
    expect(queue.status).toBe(201);
    expect((await client.post(`/api/v1/queues/${queue.body.id}/members`, { userIds: memberIds })).status).toBe(200);
    expect((await client.post("/api/v1/entry-points", { name: `SMS ${number}`, channel: "sms", address: number, queueIds: [queue.body.id] })).status).toBe(201);
  }

  /** Twilio delivers a customer's text, signed with the official package. */
  async function customerTexts(from: string, to: string, body: string): Promise<void> {
    const response = await postSignedForm(fixture.server.url, `${PUBLIC_URL}/webhooks/twilio/sms`, inboundSmsParams({ from, to, body }));
    expect(response.status).toBe(200);
  }

  const alerts = (page: Page) => page.getByRole("region", { name: "Incoming alerts" });

  it("alerts two agents, one accepts and the other's alert goes; the greeting, a reply through Twilio, its delivery and Leave & Close archive it", async () => {
    const client = await admin();
    const [rosaAgent, otherAgent] = [await newAgent(client, "Tara Texter"), await newAgent(client, "Omar Other")];
    await textingLine(client, "+14155550100", [rosaAgent.id, otherAgent.id]);
    const page = await openDesktop(rosaAgent, fixture.page);
    const other = await openDesktop(otherAgent);

    await customerTexts("+14155550142", "+14155550100", "Hi, I need help with my order");
    // product.md, Two-way texting: an unknown number shows alone, with the message's first words.
    const toast = alerts(page).getByRole("article", { name: "+14155550142" });
    const otherToast = alerts(other).getByRole("article", { name: "+14155550142" });
    await toast.getByText("Hi, I need help with my order").waitFor();
    await otherToast.waitFor();
    await other.getByRole("navigation", { name: "Desktop" }).getByRole("link", { name: /Alerts.*1 waiting/ }).waitFor();

    await toast.getByRole("button", { name: "Accept +14155550142" }).click();
    await otherToast.waitFor({ state: "detached" });
    await alerts(other).getByText("Taken by another agent: the conversation with +14155550142.").waitFor();

    // The greeting step on the unknown number: a new lead.
    const greeting = page.getByRole("region", { name: "Who is +14155550142?" });
    await greeting.getByLabel("A new lead").check();
    await greeting.getByLabel("Name").fill("Rosa Parks");
    await greeting.getByRole("button", { name: "Save as a lead" }).click();
    await greeting.waitFor({ state: "detached" });
    await page.getByRole("heading", { name: "Rosa Parks Lead", level: 2 }).waitFor();

    const log = page.getByRole("log", { name: "Messages with Rosa Parks" });
    await log.locator(".message-inbound").getByText("Hi, I need help with my order").waitFor();
    const created = twilio.nextMessage();
    const reply = page.getByLabel("Reply", { exact: true });
    await reply.fill("Hello Rosa, it ships today.");
    await reply.press("Enter");
    const message = await created;
    expect(message.params).toMatchObject({ To: "+14155550142", From: "+14155550100", Body: "Hello Rosa, it ships today." });
    const bubble = log.locator(".message-outbound").filter({ hasText: "Hello Rosa, it ships today." });
    await bubble.getByText("Queued").waitFor();
    expect((await twilio.sendStatus(fixture.server.url, message, "delivered")).status).toBe(204);
    await bubble.getByText("Delivered").waitFor();

    // The text window minimises to show the whole interaction card, and comes back.
    await page.getByRole("button", { name: "Minimise" }).click();
    await log.waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Restore" }).click();
    await log.waitFor();

    await page.getByRole("button", { name: "Close conversation" }).click();
    const dialog = page.getByRole("dialog", { name: "Leave the conversation with Rosa Parks?" });
    await dialog.getByRole("button", { name: "Stay & Keep Open" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByRole("tab", { name: /Rosa Parks/, selected: true }).waitFor();
    await page.getByRole("button", { name: "Close conversation" }).click();
    await dialog.getByRole("button", { name: "Leave & Close" }).click();
    await page.getByText("No conversations yet. New interactions appear here as they arrive.").waitFor();

    // Archived into the lead's history.
    const contacts = await client.get<{ items: { id: string }[] }>("/api/v1/contacts?search=%2B14155550142");
    const contactId = contacts.body.items[0]?.id ?? "";
    const history = await client.get<{ items: { interaction: { state: string; customerName: string } }[] }>(`/api/v1/contacts/${contactId}/conversations`);
    expect(history.body.items).toMatchObject([{ interaction: { state: "closed", customerName: "Rosa Parks" } }]);
    await page.getByRole("navigation", { name: "Desktop" }).getByRole("link", { name: "Contacts" }).click();
    await page.getByRole("link", { name: "Rosa Parks" }).click();
    await page.getByRole("region", { name: "History" }).getByText(/Archived · Tara Texter/).waitFor();
  });

  it("hides an alert from the screen while the badge still counts it, and alerts the owner alone with Reply for later messages", async () => {
    const client = await admin();
    const agent = await newAgent(client, "Hana Hide");
    await textingLine(client, "+14155550101", [agent.id]);
    const page = await openDesktop(agent, fixture.page);
    const badge = page.getByRole("navigation", { name: "Desktop" }).getByRole("link", { name: /Alerts.*1 waiting/ });

    await customerTexts("+14155550177", "+14155550101", "Quick question");
    const toast = alerts(page).getByRole("article", { name: "+14155550177" });
    await toast.getByRole("button", { name: "Hide +14155550177" }).click();
    await toast.waitFor({ state: "detached" });
    await badge.waitFor();
    await badge.click();
    await page.getByRole("list", { name: "Waiting alerts" }).getByRole("button", { name: "Accept +14155550177" }).click();
    await page.getByRole("tab", { name: /\+14155550177/, selected: true }).waitFor();

    // Away from the conversation, a later message alerts its owner with Reply.
    await page.getByRole("navigation", { name: "Desktop" }).getByRole("link", { name: "Contacts" }).click();
    // Away once the conversation is off the screen: a message that arrives while it still shows is read there.
    await page.getByRole("heading", { name: "Contacts", level: 1 }).waitFor();
    await page.getByRole("log", { name: "Messages with +14155550177" }).waitFor({ state: "detached" });
    await customerTexts("+14155550177", "+14155550101", "Are you still there?");
    await alerts(page).getByRole("button", { name: "Reply to +14155550177" }).click();
    await page.getByRole("log", { name: "Messages with +14155550177" }).getByText("Are you still there?").waitFor();
  });
});
