import {
  apiTokenListSchema,
  createdApiTokenSchema,
  type ApiToken,
  type CreateApiTokenRequest,
  type CreatedApiToken,
} from "../../common/api/auth.ts";
import type { ApiTokenId } from "../../common/domain/ids.ts";
import { requestJson, requestWithoutContent } from "./http-client.ts";

export async function listApiTokens(): Promise<ApiToken[]> {
  const list = await requestJson("/api/v1/auth/tokens", apiTokenListSchema);
  return list.items;
}

export async function createApiToken(request: CreateApiTokenRequest): Promise<CreatedApiToken> {
  return requestJson("/api/v1/auth/tokens", createdApiTokenSchema, { method: "POST", body: request });
}

export async function revokeApiToken(tokenId: ApiTokenId): Promise<void> {
  await requestWithoutContent(`/api/v1/auth/tokens/${encodeURIComponent(tokenId)}`, { method: "DELETE" });
}
