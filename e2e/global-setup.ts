import path from "node:path";
import { build } from "vite";
import { hasChromium, reportMissingChromium } from "./browser.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

// Vitest sets NODE_ENV=test, which would make Vite build React's development bundle; the browser tests
// run the production build, as people do.
async function buildForProduction(): Promise<void> {
  const previousNodeEnvironment = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ configFile: path.join(ROOT, "vite.config.ts"), mode: "production", logLevel: "warn" });
  } finally {
    process.env.NODE_ENV = previousNodeEnvironment;
  }
}

// The server under test serves dist/web, so the page is built once before any browser test runs.
// Vitest's globalSetup accepts a named `setup` export.
export async function setup(): Promise<void> {
  if (!hasChromium) {
    reportMissingChromium();
    return;
  }
  await buildForProduction();
}
