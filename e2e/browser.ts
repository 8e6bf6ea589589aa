import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

// Debian's Chromium, driven by playwright-core: no browser download (CONVENTIONS.md, the stack).
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const INSTALL_CHROMIUM_COMMAND = "apt-get update && apt-get install -y chromium";
export const hasChromium = existsSync(CHROMIUM_PATH);

// In CI the browser tests never skip: .ci/run installs Chromium, so a missing one is a failure, not a pass.
if (!hasChromium && process.env.CI === "true") {
  throw new Error(`No Chromium at ${CHROMIUM_PATH} in CI. Install it with: ${INSTALL_CHROMIUM_COMMAND}`);
}

export function reportMissingChromium(): void {
  if (!hasChromium) {
    // The reason for the skip must reach whoever runs the tests.
    process.stderr.write(`Browser tests skipped: no Chromium at ${CHROMIUM_PATH}. Install it with: ${INSTALL_CHROMIUM_COMMAND}\n`);
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
