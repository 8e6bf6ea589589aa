import { sql } from "kysely";
import type { Executor } from "../../db/database.ts";

export async function readSetting(executor: Executor, key: string): Promise<unknown> {
  const row = await executor.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value;
}

export async function writeSetting(executor: Executor, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await executor
    .insertInto("settings")
    .values({ key, value: json })
    .onConflict((conflict) => conflict.column("key").doUpdateSet({ value: json, updatedAt: sql<Date | string>`now()` }))
    .execute();
}
