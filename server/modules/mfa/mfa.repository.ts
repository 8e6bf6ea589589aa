import { sql } from "kysely";
import type { Executor } from "../../db/database.ts";

export interface MfaState {
  id: string;
  username: string;
  mfaSecret: string | null;
  mfaEnabledAt: Date | null;
}

export async function findMfaState(executor: Executor, userId: string): Promise<MfaState | undefined> {
  return executor.selectFrom("users").select(["id", "username", "mfaSecret", "mfaEnabledAt"]).where("id", "=", userId).executeTakeFirst();
}

/** One pending enrolment per user: a new one replaces the last. */
export async function upsertEnrolment(executor: Executor, userId: string, secret: string, expiresAt: Date): Promise<void> {
  await executor
    .insertInto("mfaEnrolments")
    .values({ userId, secret, expiresAt })
    .onConflict((conflict) => conflict.column("userId").doUpdateSet({ secret, expiresAt }))
    .execute();
}

export async function findLiveEnrolment(executor: Executor, userId: string, now: Date): Promise<string | undefined> {
  const row = await executor
    .selectFrom("mfaEnrolments")
    .select("secret")
    .where("userId", "=", userId)
    .where("expiresAt", ">", now)
    .executeTakeFirst();
  return row?.secret;
}

/** Takes the enrolment once: zero rows means another request already completed it. */
export async function takeEnrolment(executor: Executor, userId: string, secret: string): Promise<boolean> {
  const result = await executor.deleteFrom("mfaEnrolments").where("userId", "=", userId).where("secret", "=", secret).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** The enrolment's own code is not claimed: signing in right after enrolling, within the same 30 seconds, works. */
export async function enableMfa(executor: Executor, userId: string, secret: string): Promise<void> {
  await executor
    .updateTable("users")
    .set({ mfaSecret: secret, mfaEnabledAt: sql<Date | string>`now()`, mfaLastCounter: null, updatedAt: sql<Date | string>`now()` })
    .where("id", "=", userId)
    .execute();
}

/** Turns MFA off and forgets everything of it: secret, pending enrolment, open sign-in challenges. */
export async function clearMfa(executor: Executor, userId: string): Promise<boolean> {
  await executor.deleteFrom("mfaEnrolments").where("userId", "=", userId).execute();
  await executor.deleteFrom("mfaChallenges").where("userId", "=", userId).execute();
  const result = await executor
    .updateTable("users")
    .set({ mfaSecret: null, mfaEnabledAt: null, mfaLastCounter: null, updatedAt: sql<Date | string>`now()` })
    .where("id", "=", userId)
    .where("mfaEnabledAt", "is not", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Accepts a TOTP time step at most once per user (CONVENTIONS.md rule 5: one conditional statement): zero rows
 * means this code, or a later one, was already used.
 */
export async function claimCounter(executor: Executor, userId: string, counter: number): Promise<boolean> {
  const result = await executor
    .updateTable("users")
    .set({ mfaLastCounter: counter })
    .where("id", "=", userId)
    .where((eb) => eb.or([eb("mfaLastCounter", "is", null), eb("mfaLastCounter", "<", counter)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertChallenge(executor: Executor, id: string, userId: string, expiresAt: Date): Promise<void> {
  await executor.insertInto("mfaChallenges").values({ id, userId, expiresAt }).execute();
}

export async function findLiveChallenge(executor: Executor, id: string, now: Date): Promise<{ userId: string } | undefined> {
  return executor
    .selectFrom("mfaChallenges")
    .select("userId")
    .where("id", "=", id)
    .where("usedAt", "is", null)
    .where("expiresAt", ">", now)
    .executeTakeFirst();
}

/** Uses the challenge once: zero rows means it was used, expired, or never existed. */
export async function useChallenge(executor: Executor, id: string, now: Date): Promise<boolean> {
  const result = await executor
    .updateTable("mfaChallenges")
    .set({ usedAt: now })
    .where("id", "=", id)
    .where("usedAt", "is", null)
    .where("expiresAt", ">", now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Counts a wrong code; the challenge dies at the limit, so one password step buys only a few guesses. */
export async function recordWrongCode(executor: Executor, id: string, now: Date, maxAttempts: number): Promise<void> {
  await executor
    .updateTable("mfaChallenges")
    .set((eb) => ({
      failedAttempts: eb("failedAttempts", "+", 1),
      usedAt: sql<Date | null>`case when failed_attempts + 1 >= ${maxAttempts} then ${now} else used_at end`,
    }))
    .where("id", "=", id)
    .execute();
}

export async function deleteDeadChallenges(executor: Executor, now: Date): Promise<void> {
  await executor.deleteFrom("mfaChallenges").where((eb) => eb.or([eb("expiresAt", "<=", now), eb("usedAt", "is not", null)])).execute();
  await executor.deleteFrom("mfaEnrolments").where("expiresAt", "<=", now).execute();
}
