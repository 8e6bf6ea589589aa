import { describe, expect, it } from "vitest";
import { useBrowserFixture } from "./browser-fixture.ts";
import { hasChromium, reportMissingChromium } from "./browser.ts";
import { generatePassword, type TestUser } from "./harness.ts";
import { pathOf, signIn } from "./pages.ts";

reportMissingChromium();

const agent: TestUser = { username: "agent1", password: generatePassword(), role: "agent", fullName: "Ada Agent" };

describe.skipIf(!hasChromium)("the agent desktop", () => {
  const fixture = useBrowserFixture({ users: [agent] });

  it("signs an agent in to a live desktop with an empty inbox", async () => {
    const { page } = fixture;
    await page.goto("/login");

    await signIn(page, agent.username, agent.password);

    await page.getByRole("navigation", { name: "Desktop" }).waitFor();
    expect(pathOf(page)).toBe("/desktop");
    await page.getByRole("heading", { name: "Inbox" }).waitFor();
    await page.getByText("No conversations yet. New interactions appear here as they arrive.").waitFor();
    await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
    await page.getByText(agent.fullName).waitFor();
  });

  it("sends an agent who opens the console back to the desktop", async () => {
    const { page } = fixture;
    await page.goto("/login");
    await signIn(page, agent.username, agent.password);
    await page.getByRole("navigation", { name: "Desktop" }).waitFor();

    await page.goto("/admin/security");

    await page.getByRole("heading", { name: "Inbox" }).waitFor();
    expect(pathOf(page)).toBe("/desktop");
  });

  // Last in this file: it stops the server (stop() may be called again in afterAll).
  it("shows Reconnecting… when the server goes away", async () => {
    const { page, server } = fixture;
    await page.goto("/login");
    await signIn(page, agent.username, agent.password);
    await page.getByRole("status").filter({ hasText: "Live" }).waitFor();

    await server.stop();

    await page.getByRole("status").filter({ hasText: "Reconnecting…" }).waitFor();
  });
});
