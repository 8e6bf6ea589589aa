import { sessionResponseSchema, type LoginRequest, type SessionResponse } from "../../common/api/auth.ts";
import { isMfaChallenge, loginResponseSchema, type LoginResponse, type MfaLoginRequest } from "../../common/api/mfa.ts";
import { isApiError } from "./api-error.ts";
import { setCsrfToken } from "./csrf-token.ts";
import { requestJson, requestWithoutContent } from "./http-client.ts";

// The session, or, for a user with two-step sign-in on, a challenge to answer with a code (no session yet).
export async function signIn(credentials: LoginRequest): Promise<LoginResponse> {
  const result = await requestJson("/api/v1/auth/login", loginResponseSchema, {
    method: "POST",
    body: credentials,
  });
  if (!isMfaChallenge(result)) {
    setCsrfToken(result.csrfToken);
  }
  return result;
}

export async function completeMfaSignIn(request: MfaLoginRequest): Promise<SessionResponse> {
  const session = await requestJson("/api/v1/auth/login/mfa", sessionResponseSchema, { method: "POST", body: request });
  setCsrfToken(session.csrfToken);
  return session;
}

// The current session, or null when signed out.
export async function fetchSession(): Promise<SessionResponse | null> {
  try {
    const session = await requestJson("/api/v1/auth/me", sessionResponseSchema);
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export async function signOut(): Promise<void> {
  await requestWithoutContent("/api/v1/auth/logout", { method: "POST" });
}
