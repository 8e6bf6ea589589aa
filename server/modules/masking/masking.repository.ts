import type { Executor } from "../../db/database.ts";

/** The user's "mask sensitive data" flag; undefined when there is no such user. */
export async function findMaskSensitiveData(executor: Executor, userId: string): Promise<boolean | undefined> {
  const row = await executor.selectFrom("users").select("maskSensitiveData").where("id", "=", userId).executeTakeFirst();
  return row?.maskSensitiveData;
}
