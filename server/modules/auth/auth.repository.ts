import { sql } from "kysely";
import type { Executor } from "../../db/database.ts";
import type { ApiTokenRow, UserRow } from "../../db/tables.ts";

export interface NewSession {
  id: string;
  userId: string;
  csrfToken: string;
  now: Date;
  expiresAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
}

export async function insertSession(executor: Executor, session: NewSession): Promise<void> {
  const { now, ...values } = session;
  await executor.insertInto("sessions").values({ ...values, createdAt: now, lastSeenAt: now }).execute();
}

// The user columns a request's principal needs, read in the same query as its session or token.
const PRINCIPAL_USER_COLUMNS = ["users.id", "users.username", "users.fullName", "users.role", "users.disabled", "users.lockedAt", "users.permissions", "users.toastPosition"] as const;

export interface ActiveSession {
  sessionId: string;
  csrfToken: string;
  lastSeenAt: Date;
  user: Pick<UserRow, "id" | "username" | "fullName" | "role" | "disabled" | "lockedAt" | "permissions" | "toastPosition">;
}

/** The session and its user in one round trip, when the session is within its idle and absolute expiry. */
export async function findActiveSession(executor: Executor, sessionId: string, now: Date, idleSince: Date): Promise<ActiveSession | undefined> {
  const row = await executor
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.userId")
    .select([
      "sessions.id as sessionId",
      "sessions.csrfToken",
      "sessions.lastSeenAt",
      ...PRINCIPAL_USER_COLUMNS,
    ])
    .where("sessions.id", "=", sessionId)
    .where("sessions.expiresAt", ">", now)
    .where("sessions.lastSeenAt", ">", idleSince)
    .executeTakeFirst();
  if (!row) {
    return undefined;
  }
  const { sessionId: id, csrfToken, lastSeenAt, ...user } = row;
  return { sessionId: id, csrfToken, lastSeenAt, user };
}

/** Sliding idle expiry; callers write it at most once a minute per session to keep reads cheap. */
export async function touchSession(executor: Executor, sessionId: string, now: Date): Promise<void> {
  await executor.updateTable("sessions").set({ lastSeenAt: now }).where("id", "=", sessionId).where("lastSeenAt", "<", now).execute();
}

export async function deleteSession(executor: Executor, sessionId: string): Promise<void> {
  await executor.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

export async function deleteSessionsOfUser(executor: Executor, userId: string): Promise<string[]> {
  const rows = await executor.deleteFrom("sessions").where("userId", "=", userId).returning("id").execute();
  return rows.map((row) => row.id);
}

export async function deleteExpiredSessions(executor: Executor, now: Date, idleSince: Date): Promise<number> {
  const result = await executor
    .deleteFrom("sessions")
    .where((eb) => eb.or([eb("expiresAt", "<=", now), eb("lastSeenAt", "<=", idleSince)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface NewApiToken {
  userId: string;
  name: string;
  tokenHash: string;
  prefix: string;
  expiresAt: Date | null;
}

export async function insertApiToken(executor: Executor, token: NewApiToken): Promise<ApiTokenRow> {
  return executor.insertInto("apiTokens").values(token).returningAll().executeTakeFirstOrThrow();
}

export async function listApiTokensOfUser(executor: Executor, userId: string): Promise<ApiTokenRow[]> {
  return executor
    .selectFrom("apiTokens")
    .selectAll()
    .where("userId", "=", userId)
    .where("revokedAt", "is", null)
    .orderBy("createdAt", "desc")
    .execute();
}

export interface UsableApiToken {
  tokenId: string;
  lastUsedAt: Date | null;
  user: ActiveSession["user"];
}

/** The token and its user in one round trip, when the token is neither revoked nor expired. */
export async function findUsableApiToken(executor: Executor, tokenHash: string, now: Date): Promise<UsableApiToken | undefined> {
  const row = await executor
    .selectFrom("apiTokens")
    .innerJoin("users", "users.id", "apiTokens.userId")
    .select([
      "apiTokens.id as tokenId",
      "apiTokens.lastUsedAt",
      ...PRINCIPAL_USER_COLUMNS,
    ])
    .where("apiTokens.tokenHash", "=", tokenHash)
    .where("apiTokens.revokedAt", "is", null)
    .where((eb) => eb.or([eb("apiTokens.expiresAt", "is", null), eb("apiTokens.expiresAt", ">", now)]))
    .executeTakeFirst();
  if (!row) {
    return undefined;
  }
  const { tokenId, lastUsedAt, ...user } = row;
  return { tokenId, lastUsedAt, user };
}

export async function touchApiToken(executor: Executor, tokenId: string, now: Date): Promise<void> {
  await executor.updateTable("apiTokens").set({ lastUsedAt: now }).where("id", "=", tokenId).execute();
}

/** Revokes only the owner's own token: zero rows means it is not theirs or does not exist. */
export async function revokeApiToken(executor: Executor, tokenId: string, userId: string): Promise<boolean> {
  const result = await executor
    .updateTable("apiTokens")
    .set({ revokedAt: sql<Date | string>`now()` })
    .where("id", "=", tokenId)
    .where("userId", "=", userId)
    .where("revokedAt", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
