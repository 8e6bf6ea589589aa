import { sql } from "kysely";
import type { Role } from "../../../common/domain/roles.ts";
import type { Executor } from "../../db/database.ts";

export interface SecurityRow {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  disabled: boolean;
  lockedAt: Date | null;
  maskSensitiveData: boolean;
  passwordChangedAt: Date | null;
  mfaEnabledAt: Date | null;
  avatarUpdatedAt: Date | null;
}

export async function findSecurityRow(executor: Executor, userId: string): Promise<SecurityRow | undefined> {
  return executor
    .selectFrom("users")
    .leftJoin("userAvatars", "userAvatars.userId", "users.id")
    .select([
      "users.id",
      "users.username",
      "users.fullName",
      "users.role",
      "users.disabled",
      "users.lockedAt",
      "users.maskSensitiveData",
      "users.passwordChangedAt",
      "users.mfaEnabledAt",
      "userAvatars.updatedAt as avatarUpdatedAt",
    ])
    .where("users.id", "=", userId)
    .executeTakeFirst();
}

export async function userExists(executor: Executor, userId: string): Promise<boolean> {
  const row = await executor.selectFrom("users").select("id").where("id", "=", userId).executeTakeFirst();
  return row !== undefined;
}

export async function setMaskSensitiveData(executor: Executor, userId: string, mask: boolean): Promise<boolean | undefined> {
  const row = await executor
    .updateTable("users")
    .set({ maskSensitiveData: mask, updatedAt: sql<Date | string>`now()` })
    .where("id", "=", userId)
    .returning("maskSensitiveData")
    .executeTakeFirst();
  return row?.maskSensitiveData;
}
