import type { Page } from "playwright-core";

// Fills and submits the sign-in form the way a person would.
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}
