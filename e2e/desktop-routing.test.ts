import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useBrowserFixture } from "./browser-fixture.ts";
import { hasChromium, reportMissingChromium } from "./browser.ts";
import { createAgent } from "../server/test/agent-factories.ts";
import type { TestClient } from "../server/test/http-client.ts";
import { generatePassword } from "./harness.ts";
import {
  createOpenChannelEntryPoint,
  hasValidSignature,
  postCustomerMessage,
  signedInClient,
  startWebhookReceiver,
  type WebhookReceiver,
} from "./open-channel-fixture.ts";
import { pathOf, signIn } from "./pages.ts";

reportMissingChromium();


describe.skipIf(!hasChromium)("the agent desktop with live routing", () => {
  const fixture = useBrowserFixture();
  let receiver: WebhookReceiver;
  const extraContexts: BrowserContext[] = [];

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await Promise.all(extraContexts.map((context) => context.close()));
    await receiver.close();
  });

  const admin = () => signedInClient(fixture.server.url, fixture.server.adminUsername, fixture.server.adminPassword);

  interface DesktopAgent {
    id: string;
    username: string;
    password: string;
  }

  // A fresh agent per test, created through the admin API: each test's presence and inbox start clean.
  async function newAgent(client: TestClient, fullName: string): Promise<DesktopAgent> {
    const password = generatePassword();
    const agent = await createAgent(client, { fullName, password });
    return { id: agent.id, username: agent.username, password };
  }

  async function openDesktop(agent: DesktopAgent, page?: Page): Promise<Page> {
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
    // The desktop's connection makes the agent ready (product.md, Presence).
    await expect.poll(() => desktop.getByLabel("Status", { exact: true }).inputValue()).toBe("ready");
    return desktop;
  }

  const alerts = (page: Page) => page.getByRole("region", { name: "Incoming alerts" });
  const counters = (page: Page) => page.getByRole("region", { name: "Open conversations and capacity" });

  it("offers a customer's message to the agent, who accepts, replies to the webhook and closes; the report row is right", async () => {
    const client = await admin();
    const agent = await newAgent(client, "Rita Route");
    const entryPoint = await createOpenChannelEntryPoint(client, { slug: "web-orders", memberIds: [agent.id], webhookUrl: receiver.url });
    const page = await openDesktop(agent, fixture.page);

    const { interactionId } = await postCustomerMessage(fixture.server.url, entryPoint, {
      conversationId: "order-1042",
      customer: { id: "carla@example.com", name: "Carla Customer" },
      body: "Hello, my order 1042 is late",
    });

    const toast = alerts(page).getByRole("article", { name: "Carla Customer" });
    await toast.waitFor();
    await page.getByRole("navigation", { name: "Desktop" }).getByRole("link", { name: /Alerts.*1 waiting/ }).waitFor();
    await toast.getByRole("button", { name: "Accept Carla Customer" }).click();

    await toast.waitFor({ state: "detached" });
    const tab = page.getByRole("tab", { name: /Carla Customer/ });
    expect(await tab.getAttribute("aria-selected")).toBe("true");
    const log = page.getByRole("log", { name: "Messages with Carla Customer" });
    await log.getByText("Hello, my order 1042 is late").waitFor();
    await counters(page).getByText("Open channel").waitFor();
    await expect.poll(() => counters(page).locator(".counter", { hasText: "Open channel" }).locator("dd").textContent()).toMatch(/^1 \//);

    const reply = page.getByLabel("Reply");
    await reply.fill("Sorry for the wait, Carla.");
    await reply.press("Shift+Enter");
    await reply.pressSequentially("It ships today.");
    await reply.press("Enter");
    const sent = "Sorry for the wait, Carla.\nIt ships today.";
    await log.locator(".message-outbound").filter({ hasText: "It ships today." }).getByText("Delivered").waitFor();
    expect(await reply.inputValue()).toBe("");

    await expect.poll(() => receiver.deliveries.length).toBe(1);
    const [delivery] = receiver.deliveries;
    expect(delivery && hasValidSignature(delivery, entryPoint.webhookSecret)).toBe(true);
    const payload = JSON.parse(delivery?.rawBody ?? "{}") as { conversationId: string; interactionId: string; message: { body: string } };
    expect(payload).toMatchObject({ conversationId: "order-1042", interactionId, message: { body: sent } });

    await page.getByRole("button", { name: "Close conversation" }).click();
    const dialog = page.getByRole("dialog", { name: "Close this conversation?" });
    await dialog.getByRole("button", { name: "Close conversation" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText("No conversations yet. New interactions appear here as they arrive.").waitFor();

    const attempts = await client.get<{ items: { reason: string; agentId: string; queueId: string; leftAt: string | null }[] }>(`/api/v1/interactions/${interactionId}/queue-attempts`);
    expect(attempts.status).toBe(200);
    expect(attempts.body.items).toHaveLength(1);
    expect(attempts.body.items[0]).toMatchObject({ reason: "accepted", agentId: agent.id, queueId: entryPoint.queueId });
    const closed = await client.get<{ state: string }>(`/api/v1/interactions/${interactionId}`);
    expect(closed.body.state).toBe("closed");
  });

  it("removes an alert another agent took, saying why", async () => {
    const client = await admin();
    const slowAgent = await newAgent(client, "Sol Slow");
    const quickAgent = await newAgent(client, "Quin Quick");
    const entryPoint = await createOpenChannelEntryPoint(client, { slug: "web-race", memberIds: [slowAgent.id, quickAgent.id], webhookUrl: receiver.url });
    const slow = await openDesktop(slowAgent, fixture.page);
    const quick = await openDesktop(quickAgent);

    await postCustomerMessage(fixture.server.url, entryPoint, { conversationId: "race-1", customer: { id: "dan@example.com", name: "Dan Doe" }, body: "Anyone there?" });
    const slowToast = alerts(slow).getByRole("article", { name: "Dan Doe" });
    await slowToast.waitFor();
    await alerts(quick).getByRole("button", { name: "Accept Dan Doe" }).click();

    await quick.getByRole("tab", { name: /Dan Doe/ }).waitFor();
    await slowToast.waitFor({ state: "detached" });
    await alerts(slow).getByText("Taken by another agent: the conversation with Dan Doe.").waitFor();
    expect(await slow.getByRole("tab").count()).toBe(0);
  });

  it("shows each open conversation as a tab, a new message live, and an unread dot on the tab not shown", async () => {
    const client = await admin();
    const agent = await newAgent(client, "Tess Tabs");
    const entryPoint = await createOpenChannelEntryPoint(client, { slug: "web-tabs", memberIds: [agent.id], webhookUrl: receiver.url });
    const page = await openDesktop(agent, fixture.page);
    const ann = { conversationId: "tabs-ann", customer: { id: "ann@example.com", name: "Ann Able" }, body: "First question" };
    const ben = { conversationId: "tabs-ben", customer: { id: "ben@example.com", name: "Ben Best" }, body: "Second question" };
    for (const message of [ann, ben]) {
      await postCustomerMessage(fixture.server.url, entryPoint, message);
      await alerts(page).getByRole("button", { name: `Accept ${message.customer.name}` }).click();
      await page.getByRole("tab", { name: new RegExp(message.customer.name), selected: true }).waitFor();
    }
    await expect.poll(() => counters(page).locator(".counter-total dd").textContent()).toBe("2 / ∞");

    await postCustomerMessage(fixture.server.url, entryPoint, { ...ann, body: "Are you still there?" });
    await page.getByRole("tab", { name: /Ann Able.*new messages/ }).waitFor();
    expect(await page.getByRole("tab", { name: /Ben Best/ }).getAttribute("aria-selected")).toBe("true");

    // Arrow keys move between tabs and show the conversation at once (WAI-ARIA tabs).
    await page.getByRole("tab", { name: /Ben Best/ }).focus();
    await page.keyboard.press("ArrowLeft");
    await page.getByRole("tab", { name: /Ann Able/, selected: true }).waitFor();
    const annLog = page.getByRole("log", { name: "Messages with Ann Able" });
    await annLog.getByText("Are you still there?").waitFor();
    expect(await page.getByRole("tab", { name: /new messages/ }).count()).toBe(0);

    await postCustomerMessage(fixture.server.url, entryPoint, { ...ann, body: "Hello?" });
    await annLog.getByText("Hello?").waitFor();
    expect(await page.getByRole("tab", { name: /new messages/ }).count()).toBe(0);
  });

  it("changes the status and pauses channels from the header, and follows the admin's custom statuses live", async () => {
    const client = await admin();
    const agent = await newAgent(client, "Sam Status");
    expect((await client.patch("/api/v1/settings/account", { enabledChannels: ["openchannel"] })).status).toBe(200);
    expect((await client.post("/api/v1/custom-statuses", { name: "Lunch", pausesRouting: true })).status).toBe(201);
    const page = await openDesktop(agent, fixture.page);
    const presenceOf = async () => (await client.get<{ status: string; customStatus: { name: string } | null; pausedChannels: string[] }>(`/api/v1/presence/${agent.id}`)).body;

    await page.getByLabel("Status", { exact: true }).selectOption({ label: "Lunch" });
    await expect.poll(async () => (await presenceOf()).customStatus?.name).toBe("Lunch");
    expect((await presenceOf()).status).toBe("custom");

    expect((await client.post("/api/v1/custom-statuses", { name: "Coaching", pausesRouting: false })).status).toBe(201);
    await page.getByLabel("Status", { exact: true }).locator("option", { hasText: "Coaching (takes new work)" }).waitFor({ state: "attached" });

    const channels = page.getByRole("button", { name: /^Channels/ });
    await channels.click();
    expect(await channels.getAttribute("aria-expanded")).toBe("true");
    await page.getByRole("switch", { name: "Pause Open channel" }).check();
    await expect.poll(async () => (await presenceOf()).pausedChannels).toEqual(["openchannel"]);
    await channels.getByText("1 paused").waitFor();
    await counters(page).locator(".counter", { hasText: "Open channel" }).getByText("paused").waitFor();

    await page.getByRole("button", { name: "Pause all" }).click();
    await expect.poll(async () => (await presenceOf()).pausedChannels.length).toBeGreaterThan(1);
    expect(await page.getByRole("switch", { name: "Pause Chat" }).isChecked()).toBe(true);
    await page.getByRole("button", { name: "Resume all" }).click();
    await expect.poll(async () => (await presenceOf()).pausedChannels).toEqual([]);
    await page.keyboard.press("Escape");
    expect(await channels.getAttribute("aria-expanded")).toBe("false");

    await page.getByLabel("Status", { exact: true }).selectOption({ label: "Ready" });
    await expect.poll(async () => (await presenceOf()).status).toBe("ready");
  });

  it("asks what to do with open conversations at sign-out, and returns them to the queue", async () => {
    const client = await admin();
    const agent = await newAgent(client, "Lea Leaving");
    // One agent at a time: the alert carries its offer timeout, shown as a countdown.
    const entryPoint = await createOpenChannelEntryPoint(client, { slug: "web-leaving", memberIds: [agent.id], webhookUrl: receiver.url, strategy: "longest-idle", offerTimeoutSeconds: 600 });
    const page = await openDesktop(agent, fixture.page);
    const { interactionId } = await postCustomerMessage(fixture.server.url, entryPoint, {
      conversationId: "leaving-1",
      customer: { id: "eve@example.com", name: "Eve Evans" },
      body: "Can you help?",
    });
    await alerts(page).getByRole("article", { name: "Eve Evans" }).getByText(/^Expires in \d+ s$/).waitFor();
    await alerts(page).getByRole("button", { name: "Accept Eve Evans" }).click();
    await page.getByRole("tab", { name: /Eve Evans/ }).waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    const dialog = page.getByRole("dialog", { name: "Sign out with 1 open conversation?" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(pathOf(page)).toBe("/desktop");

    await page.getByRole("button", { name: "Sign out" }).click();
    await dialog.getByRole("button", { name: "Return them to the queue" }).click();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    expect(pathOf(page)).toBe("/login");

    const interaction = await client.get<{ state: string; ownerId: string | null }>(`/api/v1/interactions/${interactionId}`);
    expect(interaction.body).toMatchObject({ state: "queued", ownerId: null });
    const presence = await client.get<{ status: string }>(`/api/v1/presence/${agent.id}`);
    expect(presence.body.status).toBe("offline");
  });

  it("shows On a call while the phone system reports one, then the status before it", async () => {
    const client = await admin();
    const agent = await newAgent(client, "Cal Caller");
    const page = await openDesktop(agent, fixture.page);
    const report = async (event: Record<string, string>) => expect((await client.post("/api/v1/telephony/events", event)).status).toBe(200);

    await report({ type: "call.offered", callId: "call-desk-1", agentId: agent.id, from: "+14155550123" });
    await alerts(page).getByRole("article", { name: "+14155550123" }).waitFor();
    await report({ type: "call.answered", callId: "call-desk-1", agentId: agent.id });

    await page.getByRole("banner").getByText("On a call").waitFor();
    expect(await page.getByLabel("Status", { exact: true }).count()).toBe(0);
    await page.getByRole("tab", { name: /Voice.*\+14155550123/, selected: true }).waitFor();
    await alerts(page).getByRole("article").waitFor({ state: "detached" });
    await expect.poll(() => counters(page).locator(".counter", { hasText: "Voice" }).locator("dd").textContent()).toBe("1 / 1");

    await report({ type: "call.ended", callId: "call-desk-1" });
    await expect.poll(() => page.getByLabel("Status", { exact: true }).inputValue()).toBe("ready");
    await page.getByText("No conversations yet. New interactions appear here as they arrive.").waitFor();
  });
});
