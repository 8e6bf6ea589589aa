import { sql } from "kysely";
import type { Executor } from "../../db/database.ts";
import type { NewUserRow, UserRow } from "../../db/tables.ts";

/** Inserts unless the username is taken (ignoring case); undefined then. Safe when processes race. */
export async function insertUserUnlessTaken(executor: Executor, user: NewUserRow): Promise<UserRow | undefined> {
  return executor
    .insertInto("users")
    .values(user)
    .onConflict((conflict) => conflict.doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findUserById(executor: Executor, userId: string): Promise<UserRow | undefined> {
  return executor.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirst();
}

export async function findUserByUsername(executor: Executor, username: string): Promise<UserRow | undefined> {
  return executor
    .selectFrom("users")
    .selectAll()
    .where(sql<string>`lower(username)`, "=", username.toLowerCase())
    .executeTakeFirst();
}

export async function countAdmins(executor: Executor): Promise<number> {
  const row = await executor
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("role", "=", "admin")
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * One statement, so concurrent failed sign-ins each count (CONVENTIONS.md rule 5). The account locks when the
 * counter reaches the threshold; 0 means the lockout is off.
 */
export async function recordFailedLogin(executor: Executor, userId: string, lockoutThreshold: number): Promise<UserRow | undefined> {
  return executor
    .updateTable("users")
    .set((eb) => ({
      failedLoginCount: eb("failedLoginCount", "+", 1),
      lockedAt: lockoutThreshold > 0
        ? sql<Date | null>`case when locked_at is null and failed_login_count + 1 >= ${lockoutThreshold} then now() else locked_at end`
        : eb.ref("lockedAt"),
    }))
    .where("id", "=", userId)
    .returningAll()
    .executeTakeFirst();
}

export async function recordSuccessfulLogin(executor: Executor, userId: string): Promise<void> {
  await executor
    .updateTable("users")
    .set({ failedLoginCount: 0, lastLoginAt: sql<Date | string>`now()` })
    .where("id", "=", userId)
    .execute();
}

export async function unlockUser(executor: Executor, userId: string): Promise<UserRow | undefined> {
  return executor
    .updateTable("users")
    .set({ lockedAt: null, failedLoginCount: 0, updatedAt: sql<Date | string>`now()` })
    .where("id", "=", userId)
    .returningAll()
    .executeTakeFirst();
}

export async function setUserDisabled(executor: Executor, userId: string, disabled: boolean): Promise<UserRow | undefined> {
  return executor
    .updateTable("users")
    .set({ disabled, updatedAt: sql<Date | string>`now()` })
    .where("id", "=", userId)
    .returningAll()
    .executeTakeFirst();
}
