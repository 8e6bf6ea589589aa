import { sql } from "kysely";
import type { AvatarContentType } from "../../../common/api/avatars.ts";
import type { Executor } from "../../db/database.ts";

export interface AvatarRow {
  userId: string;
  contentType: AvatarContentType;
  data: Buffer | Uint8Array;
  updatedAt: Date;
}

export async function upsertAvatar(executor: Executor, userId: string, contentType: AvatarContentType, data: Buffer): Promise<Date> {
  const row = await executor
    .insertInto("userAvatars")
    .values({ userId, contentType, data })
    .onConflict((conflict) => conflict.column("userId").doUpdateSet({ contentType, data, updatedAt: sql<Date | string>`clock_timestamp()` }))
    .returning("updatedAt")
    .executeTakeFirstOrThrow();
  return row.updatedAt;
}

export async function findAvatar(executor: Executor, userId: string): Promise<AvatarRow | undefined> {
  return executor.selectFrom("userAvatars").selectAll().where("userId", "=", userId).executeTakeFirst();
}

export async function findAvatarVersion(executor: Executor, userId: string): Promise<Date | undefined> {
  const row = await executor.selectFrom("userAvatars").select("updatedAt").where("userId", "=", userId).executeTakeFirst();
  return row?.updatedAt;
}

export async function deleteAvatar(executor: Executor, userId: string): Promise<boolean> {
  const result = await executor.deleteFrom("userAvatars").where("userId", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function userExists(executor: Executor, userId: string): Promise<boolean> {
  return (await executor.selectFrom("users").select("id").where("id", "=", userId).executeTakeFirst()) !== undefined;
}
