import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { launchBrowser } from "./browser.ts";
import { startServer, type RunningServer, type StartServerOptions } from "./harness.ts";

export interface BrowserFixture {
  server: RunningServer;
  browser: Browser;
  /** A fresh browser context (no cookies) for each test. */
  context: BrowserContext;
  page: Page;
}

/**
 * Inside a `describe`: one server process on a fresh embedded database and one Chromium for the file, a new
 * context and page for each test. The fields are filled by the hooks, so read them inside tests only.
 */
export function useBrowserFixture(
  serverOptions: StartServerOptions = {},
  contextOptions: (server: RunningServer) => BrowserContextOptions = () => ({}),
): BrowserFixture {
  const fixture = {} as BrowserFixture;

  beforeAll(async () => {
    [fixture.server, fixture.browser] = await Promise.all([startServer(serverOptions), launchBrowser()]);
  });
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.server?.stop();
  });
  beforeEach(async () => {
    fixture.context = await fixture.browser.newContext({ baseURL: fixture.server.url, ...contextOptions(fixture.server) });
    fixture.page = await fixture.context.newPage();
  });
  afterEach(async () => {
    await fixture.context.close();
  });
  return fixture;
}
