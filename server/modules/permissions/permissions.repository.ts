import type { AgentPermissions } from "../../../common/api/permissions.ts";
import type { Executor } from "../../db/database.ts";

export async function findPermissions(executor: Executor, userId: string): Promise<unknown> {
  const row = await executor.selectFrom("users").select("permissions").where("id", "=", userId).executeTakeFirst();
  return row?.permissions;
}

export async function writePermissions(executor: Executor, userId: string, permissions: AgentPermissions): Promise<void> {
  await executor.updateTable("users").set({ permissions: JSON.stringify(permissions) }).where("id", "=", userId).execute();
}
