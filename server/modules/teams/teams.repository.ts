import { sql, type Selectable } from "kysely";
import type { GroupListQuery, MemberListQuery, TeamRole } from "../../../common/api/groups.ts";
import type { Role } from "../../../common/domain/roles.ts";
import type { Executor } from "../../db/database.ts";
import type { TeamsTable } from "../../db/tables.ts";
import { containsPattern, countOf, memberPage, namedGroupPage } from "../memberships/query-helpers.ts";

export type TeamRow = Selectable<TeamsTable>;
export interface TeamWithCounts extends TeamRow {
  memberCount: number;
  supervisorCount: number;
}
export interface TeamMemberRow {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  teamRole: TeamRole;
  addedAt: Date;
}

function teamsWithCounts(executor: Executor) {
  return executor
    .selectFrom("teams")
    .selectAll("teams")
    .select((eb) => [
      eb.selectFrom("teamMembers").select((inner) => inner.fn.countAll<number>().as("count")).whereRef("teamMembers.teamId", "=", "teams.id").as("memberCount"),
      eb
        .selectFrom("teamMembers")
        .select((inner) => inner.fn.countAll<number>().as("count"))
        .whereRef("teamMembers.teamId", "=", "teams.id")
        .where("teamMembers.role", "=", "supervisor")
        .as("supervisorCount"),
    ]);
}

function withCounts(row: TeamRow & { memberCount: number | null; supervisorCount: number | null }): TeamWithCounts {
  return { ...row, memberCount: countOf(row.memberCount), supervisorCount: countOf(row.supervisorCount) };
}

export async function listTeams(executor: Executor, query: GroupListQuery): Promise<{ rows: TeamWithCounts[]; total: number }> {
  const search = query.search ? containsPattern(query.search) : undefined;
  const { rows, total } = await namedGroupPage(
    "teams",
    query,
    teamsWithCounts(executor).$if(search !== undefined, (builder) => builder.where("teams.name", "ilike", search ?? "")),
    executor
      .selectFrom("teams")
      .select((eb) => eb.fn.countAll<number>().as("total"))
      .$if(search !== undefined, (builder) => builder.where("name", "ilike", search ?? "")),
  );
  return { rows: rows.map(withCounts), total };
}

export async function findTeam(executor: Executor, teamId: string): Promise<TeamWithCounts | undefined> {
  const row = await teamsWithCounts(executor).where("teams.id", "=", teamId).executeTakeFirst();
  return row ? withCounts(row) : undefined;
}

/** `share` keeps the team from being deleted while members join; `update` before changing or deleting it. */
export async function lockTeam(executor: Executor, teamId: string, mode: "share" | "update"): Promise<TeamRow | undefined> {
  const query = executor.selectFrom("teams").selectAll().where("id", "=", teamId);
  return (mode === "share" ? query.forShare() : query.forUpdate()).executeTakeFirst();
}

/** Undefined when the name is taken (ignoring case): the unique index decides, so racing creates are safe. */
export async function insertTeam(executor: Executor, team: { name: string; description: string | null }): Promise<TeamRow | undefined> {
  return executor.insertInto("teams").values(team).onConflict((conflict) => conflict.doNothing()).returningAll().executeTakeFirst();
}

export async function updateTeam(executor: Executor, teamId: string, changes: { name?: string; description?: string | null }): Promise<TeamRow | undefined> {
  return executor
    .updateTable("teams")
    .set({ ...changes, updatedAt: sql<Date>`now()` })
    .where("id", "=", teamId)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteTeam(executor: Executor, teamId: string): Promise<void> {
  await executor.deleteFrom("teams").where("id", "=", teamId).execute();
}

export async function listTeamMembers(executor: Executor, teamId: string, query: MemberListQuery): Promise<{ rows: TeamMemberRow[]; total: number }> {
  return memberPage(executor.selectFrom("teamMembers").innerJoin("users", "users.id", "teamMembers.userId").where("teamMembers.teamId", "=", teamId), query, (builder) =>
    builder.select(["users.id", "users.username", "users.fullName", "users.role", "teamMembers.role as teamRole", "teamMembers.createdAt as addedAt"]),
  );
}

export async function findTeamMemberIds(executor: Executor, teamId: string): Promise<string[]> {
  const rows = await executor.selectFrom("teamMembers").select("userId").where("teamId", "=", teamId).execute();
  return rows.map((row) => row.userId);
}

/** Those already in the team keep their role; returns the ids actually added. */
export async function insertTeamMembers(executor: Executor, teamId: string, userIds: readonly string[], role: TeamRole): Promise<string[]> {
  const rows = await executor
    .insertInto("teamMembers")
    .values(userIds.map((userId) => ({ teamId, userId, role })))
    .onConflict((conflict) => conflict.doNothing())
    .returning("userId")
    .execute();
  return rows.map((row) => row.userId);
}

/** Locks the membership row, so two role changes of one member apply one after the other. */
export async function lockTeamMember(executor: Executor, teamId: string, userId: string): Promise<{ role: TeamRole } | undefined> {
  return executor.selectFrom("teamMembers").select("role").where("teamId", "=", teamId).where("userId", "=", userId).forUpdate().executeTakeFirst();
}

export async function updateTeamMemberRole(executor: Executor, teamId: string, userId: string, role: TeamRole): Promise<void> {
  await executor.updateTable("teamMembers").set({ role }).where("teamId", "=", teamId).where("userId", "=", userId).execute();
}

export async function deleteTeamMembers(executor: Executor, teamId: string, userIds: readonly string[]): Promise<string[]> {
  const rows = await executor
    .deleteFrom("teamMembers")
    .where("teamId", "=", teamId)
    .where("userId", "in", [...userIds])
    .returning("userId")
    .execute();
  return rows.map((row) => row.userId);
}
