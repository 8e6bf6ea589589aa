import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { SessionResponse } from "../common/api/auth.ts";
import type { CreatedEntryPoint } from "../common/api/entry-points.ts";
import type { Page as ListPage } from "../common/api/pagination.ts";
import type { CustomStatus } from "../common/api/presence.ts";
import type { Queue } from "../common/api/queues.ts";
import { TestClient, type TestResponse } from "../server/test/http-client.ts";
import { connectSocket, type TestSocket } from "../server/test/socket-client.ts";
import { useBrowserFixture } from "./browser-fixture.ts";
import { hasChromium, reportMissingChromium } from "./browser.ts";
import { generatePassword, type TestUser } from "./harness.ts";
import { signIn } from "./pages.ts";

reportMissingChromium();

const supervisorUser: TestUser = { username: "wall_supervisor", password: generatePassword(), role: "supervisor", fullName: "Sue Pervisor" };
const queueAgent: TestUser = { username: "wall_agent", password: generatePassword(), role: "agent", fullName: "Walt Wallboard" };
const otherAgent: TestUser = { username: "wall_other", password: generatePassword(), role: "agent", fullName: "Olive Elsewhere" };

function expectStatus<Body>(response: TestResponse<Body>, status: number, what: string): Body {
  if (response.status !== status) {
    throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/** The value shown under a figure's name on a queue tile ("Waiting" → "1"). */
function figure(tile: Locator, page: Page, name: string): Locator {
  return tile.locator("div", { has: page.locator("dt", { hasText: new RegExp(`^${name}$`) }) }).locator("dd");
}

describe.skipIf(!hasChromium)("supervisor wallboard", () => {
  const fixture = useBrowserFixture({ users: [supervisorUser, queueAgent, otherAgent] });

  async function signedInClient(user: { username: string; password: string }): Promise<{ client: TestClient; userId: string }> {
    const client = new TestClient(fixture.server.url);
    const session: SessionResponse = expectStatus(await client.signIn(user.username, user.password), 200, `sign-in of ${user.username}`);
    return { client, userId: session.user.id };
  }

  /** An open-channel queue with the supervisor and one agent on it, an entry point into it, and a Lunch status. */
  async function setUpRouting(admin: TestClient) {
    expectStatus(await admin.patch("/api/v1/settings/account", { enabledChannels: ["voice", "sms", "chat", "openchannel"] }), 200, "turning on the open channel");
    const queue = expectStatus(await admin.post<Queue>("/api/v1/queues", { name: "Web support", channel: "openchannel" }), 201, "creating the queue");
    const agents = expectStatus(await admin.get<ListPage<{ id: string; username: string }>>(`/api/v1/agents?search=${queueAgent.username}`), 200, "finding the agent");
    const agentId = agents.items.find((agent) => agent.username === queueAgent.username)?.id;
    const supervisorId = (await signedInClient(supervisorUser)).userId;
    expectStatus(await admin.post(`/api/v1/queues/${queue.id}/members`, { userIds: [agentId, supervisorId] }), 200, "staffing the queue");
    const lunch = expectStatus(await admin.post<CustomStatus>("/api/v1/custom-statuses", { name: "Lunch", pausesRouting: true }), 201, "creating Lunch");
    const created = expectStatus(
      await admin.post<CreatedEntryPoint>("/api/v1/entry-points", { name: "Website", channel: "openchannel", address: "website", queueIds: [queue.id], webhookUrl: "http://127.0.0.1:9/replies" }),
      201,
      "creating the entry point",
    );
    return { queue, lunch, entryPointId: created.entryPoint.id, inboundKey: created.inboundKey ?? "" };
  }

  it("shows an agent's status change and a waiting customer as they happen, without a reload", async () => {
    const { page } = fixture;
    const admin = (await signedInClient({ username: fixture.server.adminUsername, password: fixture.server.adminPassword })).client;
    const { queue, lunch, entryPointId, inboundKey } = await setUpRouting(admin);

    await page.goto("/login");
    await signIn(page, supervisorUser.username, supervisorUser.password);
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Wallboard" }).click();
    await page.getByRole("heading", { name: "Wallboard", level: 1 }).waitFor();
    await page.getByRole("status").filter({ hasText: "Live" }).waitFor();

    const tile = page.getByRole("article", { name: queue.name });
    await figure(tile, page, "Waiting").filter({ hasText: /^0$/ }).waitFor();
    const agentRow = page.getByRole("row", { name: /Walt Wallboard/ });
    await agentRow.getByText("Offline").waitFor();
    // Olive shares no queue with this supervisor: she is not on the board.
    expect(await page.getByRole("row", { name: /Olive Elsewhere/ }).count()).toBe(0);

    // The agent opens a connection (as the desktop does) and becomes ready, then goes to lunch.
    const agent = await signedInClient(queueAgent);
    let agentSocket: TestSocket | undefined;
    try {
      agentSocket = await connectSocket(fixture.server.url, { cookie: agent.client.cookie });
      expectStatus(await agent.client.request("PUT", "/api/v1/presence/me/status", { status: "ready" }), 200, "going ready");
      await agentRow.getByRole("cell").filter({ hasText: /^Ready$/ }).waitFor();
      await figure(tile, page, "Ready agents").filter({ hasText: /^1$/ }).waitFor();

      expectStatus(await agent.client.request("PUT", "/api/v1/presence/me/status", { status: "custom", customStatusId: lunch.id }), 200, "going to lunch");
      await agentRow.getByRole("cell").filter({ hasText: /^Lunch$/ }).waitFor();
      await figure(tile, page, "Ready agents").filter({ hasText: /^0$/ }).waitFor();

      // A customer writes in: nobody is ready, so the conversation waits in the queue, and its wait ticks up.
      const posted = await new TestClient(fixture.server.url).request(
        "POST",
        `/api/v1/open-channel/${entryPointId}/messages`,
        { conversationId: "conversation-1", customer: { id: "visitor-1", name: "Vera Visitor" }, body: "Hello, is anyone there?" },
        { authorization: `Bearer ${inboundKey}` },
      );
      expectStatus(posted, 202, "posting the customer's message");
      await figure(tile, page, "Waiting").filter({ hasText: /^1$/ }).waitFor();
      const longestWait = figure(tile, page, "Longest wait");
      await longestWait.filter({ hasText: /^\d+:\d\d$/ }).waitFor();
      const firstReading = await longestWait.textContent();
      await longestWait.filter({ hasNotText: firstReading ?? "" }).waitFor();
    } finally {
      agentSocket?.close();
    }
  });
});
