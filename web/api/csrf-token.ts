// The CSRF token lives in memory only: it comes with every login and /auth/me response and is sent back in
// the `x-csrf-token` header on writes. Keeping it out of storage means a reload fetches a fresh one.
let currentToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  currentToken = token;
}

export function getCsrfToken(): string | null {
  return currentToken;
}
