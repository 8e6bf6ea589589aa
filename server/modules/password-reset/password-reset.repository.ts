import { sql } from "kysely";
import type { Executor } from "../../db/database.ts";

export interface ResetRecipient {
  id: string;
  username: string;
  fullName: string;
  email: string;
}

/** Users a reset request names: by username (ignoring case), else every user with that e-mail address. */
export async function findRecipients(executor: Executor, usernameOrEmail: string): Promise<ResetRecipient[]> {
  const lowered = usernameOrEmail.toLowerCase();
  const rows = await executor
    .selectFrom("users")
    .select(["id", "username", "fullName", "email"])
    .where("disabled", "=", false)
    .where("email", "is not", null)
    .where((eb) => eb.or([eb(sql<string>`lower(username)`, "=", lowered), eb(sql<string>`lower(email)`, "=", lowered)]))
    .execute();
  const byUsername = rows.filter((row) => row.username.toLowerCase() === lowered);
  return (byUsername.length > 0 ? byUsername : rows).flatMap((row) => (row.email ? [{ ...row, email: row.email }] : []));
}

export async function findRecipientById(executor: Executor, userId: string): Promise<ResetRecipient | undefined> {
  const row = await executor
    .selectFrom("users")
    .select(["id", "username", "fullName", "email"])
    .where("id", "=", userId)
    .where("disabled", "=", false)
    .executeTakeFirst();
  return row?.email ? { ...row, email: row.email } : undefined;
}

export async function insertToken(executor: Executor, tokenHash: string, userId: string, now: Date, expiresAt: Date): Promise<void> {
  await executor.insertInto("passwordResetTokens").values({ tokenHash, userId, createdAt: now, expiresAt }).execute();
}

export async function findLiveToken(executor: Executor, tokenHash: string, now: Date): Promise<{ userId: string } | undefined> {
  return executor
    .selectFrom("passwordResetTokens")
    .select("userId")
    .where("tokenHash", "=", tokenHash)
    .where("usedAt", "is", null)
    .where("expiresAt", ">", now)
    .executeTakeFirst();
}

/** Uses the token once (CONVENTIONS.md rule 5): zero rows means it was used, expired or never existed. */
export async function useToken(executor: Executor, tokenHash: string, now: Date): Promise<string | undefined> {
  const row = await executor
    .updateTable("passwordResetTokens")
    .set({ usedAt: now })
    .where("tokenHash", "=", tokenHash)
    .where("usedAt", "is", null)
    .where("expiresAt", ">", now)
    .returning("userId")
    .executeTakeFirst();
  return row?.userId;
}

/** Other links of the user stop working once the password is changed. */
export async function useAllTokensOfUser(executor: Executor, userId: string, now: Date): Promise<void> {
  await executor.updateTable("passwordResetTokens").set({ usedAt: now }).where("userId", "=", userId).where("usedAt", "is", null).execute();
}

export async function setPassword(executor: Executor, userId: string, passwordHash: string, now: Date): Promise<{ username: string } | undefined> {
  return executor
    .updateTable("users")
    .set({ passwordHash, passwordChangedAt: now, updatedAt: sql<Date | string>`now()` })
    .where("id", "=", userId)
    .returning("username")
    .executeTakeFirst();
}
