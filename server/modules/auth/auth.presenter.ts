import type { ApiToken } from "../../../common/api/auth.ts";
import type { ApiTokenId } from "../../../common/domain/ids.ts";
import type { ApiTokenRow } from "../../db/tables.ts";

export function presentApiToken(token: ApiTokenRow): ApiToken {
  return {
    id: token.id as ApiTokenId,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    expiresAt: token.expiresAt?.toISOString() ?? null,
  };
}
