import type { UserRow } from "../../db/tables.ts";
import { ForbiddenError } from "../../lib/errors.ts";

type SignInState = Pick<UserRow, "disabled" | "lockedAt">;

export function maySignIn(user: SignInState): boolean {
  return !user.disabled && user.lockedAt === null;
}

/** Only someone who knows the password learns that the account is disabled or locked. */
export function assertMaySignIn(user: SignInState): void {
  if (user.disabled) {
    throw new ForbiddenError("account_disabled", "This account is disabled. Ask an administrator to enable it.");
  }
  if (user.lockedAt !== null) {
    throw new ForbiddenError("account_locked", "This account is locked after too many failed sign-ins. Ask an administrator to unlock it.");
  }
}
