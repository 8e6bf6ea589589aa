import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { SessionResponse } from "../common/api/auth.ts";
import type { Page as ListPage } from "../common/api/pagination.ts";
import type { Team } from "../common/api/teams.ts";
import { TestClient, type TestResponse } from "../server/test/http-client.ts";
import { useBrowserFixture } from "./browser-fixture.ts";
import { hasChromium, reportMissingChromium } from "./browser.ts";
import { generatePassword, type TestUser } from "./harness.ts";
import { signIn } from "./pages.ts";

reportMissingChromium();

const ada: TestUser = { username: "coach_ada", password: generatePassword(), role: "agent", fullName: "Ada Online" };
const bob: TestUser = { username: "coach_bob", password: generatePassword(), role: "agent", fullName: "Bob Online" };
const cy: TestUser = { username: "coach_cy", password: generatePassword(), role: "agent", fullName: "Cy Offline" };
const dee: TestUser = { username: "coach_dee", password: generatePassword(), role: "agent", fullName: "Dee Reader" };

function expectStatus<Body>(response: TestResponse<Body>, status: number, what: string): Body {
  if (response.status !== status) {
    throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/** The toast region of the agent's desktop: a polite live region at the bottom right. */
const toasts = (page: Page) => page.getByRole("region", { name: "Coaching messages" });

// product.md, Coaching messages (seed 001): a team message reaches the online agents at once as a toast, an offline
// agent when they sign in; a bell replaces the status icon until the day's messages are read in their dialog.
describe.skipIf(!hasChromium)("coaching messages", () => {
  const fixture = useBrowserFixture({ users: [ada, bob, cy, dee] });

  async function admin(): Promise<TestClient> {
    const client = new TestClient(fixture.server.url);
    expectStatus<SessionResponse>(await client.signIn(fixture.server.adminUsername, fixture.server.adminPassword), 200, "admin sign-in");
    return client;
  }

  async function agentIds(client: TestClient, users: TestUser[]): Promise<string[]> {
    const agents = expectStatus(await client.get<ListPage<{ id: string; username: string }>>("/api/v1/agents?search=coach_&pageSize=50"), 200, "finding the agents");
    return users.map((user) => agents.items.find((agent) => agent.username === user.username)?.id ?? "");
  }

  /** The agent's desktop in a browser context of its own, live. */
  async function openDesktop(user: TestUser): Promise<Page> {
    const context = await fixture.browser.newContext({ baseURL: fixture.server.url });
    const page = await context.newPage();
    await page.goto("/login");
    await signIn(page, user.username, user.password);
    await page.getByRole("navigation", { name: "Desktop" }).waitFor();
    await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
    return page;
  }

  it("sends a team message from the compose page to two online agents at once and to an offline agent at sign-in", async () => {
    const client = await admin();
    const team = expectStatus(await client.post<Team>("/api/v1/teams", { name: "Night shift" }), 201, "creating the team");
    expectStatus(await client.post(`/api/v1/teams/${team.id}/members`, { userIds: await agentIds(client, [ada, bob, cy]) }), 200, "staffing the team");
    const [adaPage, bobPage] = await Promise.all([openDesktop(ada), openDesktop(bob)]);
    await Promise.all([adaPage, bobPage].map((page) => page.getByRole("button", { name: "Status menu", exact: true }).waitFor()));

    const { page } = fixture;
    await page.goto("/login");
    await signIn(page, fixture.server.adminUsername, fixture.server.adminPassword);
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Coaching", exact: true }).click();
    await page.getByRole("heading", { name: "Coaching", level: 1 }).waitFor();
    await page.getByLabel("Send to a group").selectOption("team");
    await page.getByLabel("Team", { exact: true }).selectOption({ label: "Night shift" });
    await page.getByRole("status").filter({ hasText: /^3 agents$/ }).waitFor();
    await page.getByRole("textbox", { name: "Message" }).fill("Great work tonight, team!");
    await page.getByRole("button", { name: "Send to group", exact: true }).click();

    const confirm = page.getByRole("dialog", { name: "Send this coaching message?" });
    await confirm.getByText("To: 3 agents (team Night shift)").waitFor();
    await confirm.getByRole("button", { name: "Send", exact: true }).click();
    await page.getByRole("status").filter({ hasText: /^Sent to 3 agents\. 1 gets it when they next sign in or come back from a break\.$/ }).waitFor();

    // Both online agents get the toast at once, and the bell replaces their status icon.
    await Promise.all([adaPage, bobPage].map((agentPage) => toasts(agentPage).getByText("Great work tonight, team!", { exact: true }).waitFor()));
    await Promise.all([adaPage, bobPage].map((agentPage) => agentPage.getByRole("button", { name: "Status menu: 1 unread coaching message" }).waitFor()));
    expect(await toasts(adaPage).getByText(/^Coaching message from /).count()).toBe(1);

    // The offline agent gets it when they sign in.
    const cyPage = await openDesktop(cy);
    await toasts(cyPage).getByText("Great work tonight, team!", { exact: true }).waitFor();
    await cyPage.getByRole("button", { name: "Status menu: 1 unread coaching message" }).waitFor();
  });

  it("shows the bell until the day's messages are read, and adds new ones to the open dialog as they arrive", async () => {
    const client = await admin();
    const [deeId] = await agentIds(client, [dee]);
    const page = await openDesktop(dee);
    await page.getByRole("button", { name: "Status menu", exact: true }).waitFor();

    expectStatus(await client.post("/api/v1/coaching/messages", { body: "Please review the refund script.", target: { kind: "agent", agentId: deeId } }), 201, "sending");
    const bell = page.getByRole("button", { name: "Status menu: 1 unread coaching message" });
    await bell.waitFor();
    await toasts(page).getByRole("button", { name: "Dismiss" }).click();
    // Still unread after the toast has gone: the bell stays.
    await bell.waitFor();

    await bell.click();
    await page.getByRole("menuitem", { name: "View coaching messages (1 unread)" }).click();
    const dialog = page.getByRole("dialog", { name: "Coaching messages" });
    await dialog.getByText("Please review the refund script.", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Status menu", exact: true }).waitFor();
    // Not modal: the desktop under it still works.
    await page.getByRole("navigation", { name: "Desktop" }).getByRole("link", { name: "Alerts" }).click();
    await page.getByRole("heading", { name: "Alerts", level: 1 }).waitFor();
    expect(await dialog.isVisible()).toBe(true);

    expectStatus(await client.post("/api/v1/coaching/messages", { body: "And thanks for staying late.", target: { kind: "agent", agentId: deeId } }), 201, "sending again");
    await dialog.getByText("And thanks for staying late.", { exact: true }).waitFor();
    expect(await dialog.getByRole("listitem").filter({ hasText: /\S/ }).count()).toBe(2);
    // Seen in the open dialog: read at once, no bell.
    await expect.poll(async () => (await client.get<{ items: { readCount: number }[] }>("/api/v1/coaching/log?text=thanks%20for%20staying")).body.items[0]?.readCount).toBe(1);
    await page.getByRole("button", { name: "Status menu", exact: true }).waitFor();

    await dialog.getByRole("button", { name: "Close" }).click();
    await dialog.waitFor({ state: "hidden" });
  });
});
