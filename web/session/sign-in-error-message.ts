import { isApiError } from "../api/api-error.ts";

// What the sign-in form says for each failure; null when field errors already say it.
export function signInErrorMessage(error: unknown, hasFieldErrors: boolean): string | null {
  if (!isApiError(error)) {
    return "Sign-in failed. Try again.";
  }
  // Two-step sign-in: the server's message says what was wrong with the code or the challenge.
  if (error.code.startsWith("mfa_")) {
    return error.message;
  }
  if (error.status === 401) {
    return "Wrong username or password.";
  }
  if (error.status === 429) {
    return "Too many attempts, try again in a minute.";
  }
  if (error.code === "validation_failed" && hasFieldErrors) {
    return null;
  }
  // account_locked, account_disabled and anything else: the server's message is written for people.
  return error.message;
}
