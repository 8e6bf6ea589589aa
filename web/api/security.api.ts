import { avatarSchema, type Avatar } from "../../common/api/avatars.ts";
import { userSecuritySchema, type UpdateUserSecurityRequest, type UserSecurity } from "../../common/api/user-security.ts";
import { ApiError, NETWORK_ERROR_CODE, apiErrorFromResponse } from "./api-error.ts";
import { getCsrfToken } from "./csrf-token.ts";
import { requestJson, requestWithoutContent } from "./http-client.ts";

export const securityQueryKeys = {
  user: (userId: string) => ["user-security", userId] as const,
};

const userPath = (userId: string) => `/api/v1/users/${encodeURIComponent(userId)}`;

export async function fetchUserSecurity(userId: string): Promise<UserSecurity> {
  return requestJson(`${userPath(userId)}/security`, userSecuritySchema);
}

export async function updateUserSecurity(userId: string, changes: UpdateUserSecurityRequest): Promise<UserSecurity> {
  return requestJson(`${userPath(userId)}/security`, userSecuritySchema, { method: "PATCH", body: changes });
}

export async function resetUserMfa(userId: string): Promise<UserSecurity> {
  return requestJson(`${userPath(userId)}/mfa`, userSecuritySchema, { method: "DELETE" });
}

/** The picture's address; `version` (its last change) makes the browser fetch a new one after a change. */
export function avatarUrl(userId: string, version: string): string {
  return `${userPath(userId)}/avatar?v=${encodeURIComponent(version)}`;
}

// The picture goes as the raw body: the JSON client does not fit, the error handling is the same.
export async function uploadAvatar(userId: string, file: Blob): Promise<Avatar> {
  const headers = new Headers({ accept: "application/json", "content-type": file.type || "application/octet-stream" });
  const csrfToken = getCsrfToken();
  if (csrfToken !== null) {
    headers.set("x-csrf-token", csrfToken);
  }
  let response: Response;
  try {
    response = await fetch(`${userPath(userId)}/avatar`, { method: "PUT", headers, credentials: "same-origin", body: file });
  } catch {
    throw new ApiError({ status: 0, code: NETWORK_ERROR_CODE, message: "Could not reach the server. Check your connection and try again." });
  }
  if (!response.ok) {
    throw await apiErrorFromResponse(response);
  }
  return avatarSchema.parse(await response.json());
}

export async function removeAvatar(userId: string): Promise<void> {
  await requestWithoutContent(`${userPath(userId)}/avatar`, { method: "DELETE" });
}
