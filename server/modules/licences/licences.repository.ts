import type { TeamRole } from "../../../common/domain/licences.ts";
import type { Executor } from "../../db/database.ts";

/** The agent's role on each team they belong to. */
export async function findTeamRoles(executor: Executor, userId: string): Promise<TeamRole[]> {
  const rows = await executor.selectFrom("teamMembers").select("role").where("userId", "=", userId).execute();
  return rows.map((row) => row.role);
}

export async function writeLicences(executor: Executor, userId: string, licences: { moments: boolean; administration: boolean }): Promise<void> {
  await executor
    .updateTable("users")
    .set({ licenceMoments: licences.moments, licenceAdministration: licences.administration })
    .where("id", "=", userId)
    .execute();
}
