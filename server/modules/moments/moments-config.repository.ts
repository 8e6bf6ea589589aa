import { sql } from "kysely";
import type { Executor } from "../../db/database.ts";
import type { MomentContentsTable, MomentNotificationsTable } from "../../db/tables.ts";
import type { Selectable } from "kysely";
import { ownedInScope, type MomentsActor } from "./moments.policy.ts";

export type NotificationRow = Selectable<MomentNotificationsTable> & { ownerName: string | null };
export type ContentRow = Selectable<MomentContentsTable> & { ownerName: string | null };

export interface NotificationDetails {
  teams: { id: string; name: string }[];
  agents: { id: string; name: string; excluded: boolean }[];
  contents: { id: string; title: string }[];
}

const likePattern = (search: string) => `%${search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;

export async function findNotificationPage(
  executor: Executor,
  actor: MomentsActor,
  query: { search?: string | undefined; enabled?: boolean | undefined; page: number; pageSize: number },
): Promise<{ rows: NotificationRow[]; total: number }> {
  let base = executor.selectFrom("momentNotifications").where(ownedInScope(actor, "momentNotifications"));
  if (query.search) {
    base = base.where(sql<boolean>`moment_notifications.name ilike ${likePattern(query.search)}`);
  }
  if (query.enabled !== undefined) {
    base = base.where("momentNotifications.enabled", "=", query.enabled);
  }
  const [rows, count] = await Promise.all([
    base
      .leftJoin("users as owner", "owner.id", "momentNotifications.ownerId")
      .selectAll("momentNotifications")
      .select("owner.fullName as ownerName")
      .orderBy("momentNotifications.name")
      .orderBy("momentNotifications.id")
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

/** One notification the actor may see, or undefined. `forUpdate` locks it for a change. */
export async function findNotification(executor: Executor, actor: MomentsActor, notificationId: string, options: { forUpdate?: boolean } = {}): Promise<NotificationRow | undefined> {
  const query = executor
    .selectFrom("momentNotifications")
    .leftJoin("users as owner", "owner.id", "momentNotifications.ownerId")
    .selectAll("momentNotifications")
    .select("owner.fullName as ownerName")
    .where("momentNotifications.id", "=", notificationId)
    .where(ownedInScope(actor, "momentNotifications"));
  return (options.forUpdate ? query.forUpdate("momentNotifications") : query).executeTakeFirst();
}

export async function findNotificationDetails(executor: Executor, notificationIds: readonly string[]): Promise<Map<string, NotificationDetails>> {
  const details = new Map<string, NotificationDetails>(notificationIds.map((id) => [id, { teams: [], agents: [], contents: [] }]));
  if (notificationIds.length === 0) {
    return details;
  }
  const ids = [...notificationIds];
  const [teams, agents, contents] = await Promise.all([
    executor.selectFrom("momentNotificationTeams as target").innerJoin("teams", "teams.id", "target.teamId").select(["target.notificationId", "teams.id", "teams.name"]).where("target.notificationId", "in", ids).orderBy("teams.name").execute(),
    executor
      .selectFrom("momentNotificationAgents as target")
      .innerJoin("users", "users.id", "target.agentId")
      .select(["target.notificationId", "users.id", "users.fullName as name", "target.excluded"])
      .where("target.notificationId", "in", ids)
      .orderBy("users.fullName")
      .execute(),
    executor
      .selectFrom("momentNotificationContents as link")
      .innerJoin("momentContents as content", "content.id", "link.contentId")
      .select(["link.notificationId", "content.id", "content.title"])
      .where("link.notificationId", "in", ids)
      .orderBy("link.position")
      .execute(),
  ]);
  for (const team of teams) {
    details.get(team.notificationId)?.teams.push({ id: team.id, name: team.name });
  }
  for (const agent of agents) {
    details.get(agent.notificationId)?.agents.push({ id: agent.id, name: agent.name, excluded: agent.excluded });
  }
  for (const content of contents) {
    details.get(content.notificationId)?.contents.push({ id: content.id, title: content.title });
  }
  return details;
}

export interface NotificationValues {
  name: string;
  description: string;
  enabled: boolean;
  criteria: unknown;
  notifySupervisors: boolean;
}

export async function insertNotification(executor: Executor, values: NotificationValues & { ownerId: string; personal: boolean }): Promise<string> {
  const row = await executor
    .insertInto("momentNotifications")
    .values({ ...values, criteria: JSON.stringify(values.criteria) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateNotification(executor: Executor, notificationId: string, values: NotificationValues): Promise<void> {
  await executor
    .updateTable("momentNotifications")
    .set({ ...values, criteria: JSON.stringify(values.criteria), updatedAt: sql<Date>`now()` })
    .where("id", "=", notificationId)
    .execute();
}

export async function replaceTargets(executor: Executor, notificationId: string, targets: { teamIds: readonly string[]; agentIds: readonly string[]; excludedAgentIds: readonly string[] }): Promise<void> {
  await executor.deleteFrom("momentNotificationTeams").where("notificationId", "=", notificationId).execute();
  await executor.deleteFrom("momentNotificationAgents").where("notificationId", "=", notificationId).execute();
  if (targets.teamIds.length > 0) {
    await executor.insertInto("momentNotificationTeams").values(targets.teamIds.map((teamId) => ({ notificationId, teamId }))).execute();
  }
  const agents = [...targets.agentIds.map((agentId) => ({ notificationId, agentId, excluded: false })), ...targets.excludedAgentIds.filter((agentId) => !targets.agentIds.includes(agentId)).map((agentId) => ({ notificationId, agentId, excluded: true }))];
  if (agents.length > 0) {
    await executor.insertInto("momentNotificationAgents").values(agents).execute();
  }
}

export async function replaceContents(executor: Executor, notificationId: string, contentIds: readonly string[]): Promise<void> {
  await executor.deleteFrom("momentNotificationContents").where("notificationId", "=", notificationId).execute();
  if (contentIds.length > 0) {
    await executor
      .insertInto("momentNotificationContents")
      .values(contentIds.map((contentId, position) => ({ notificationId, contentId, position })))
      .execute();
  }
}

export async function deleteNotification(executor: Executor, notificationId: string): Promise<void> {
  await executor.deleteFrom("momentNotifications").where("id", "=", notificationId).execute();
}

/** Every process compares its matcher's version with this row's before matching. */
export async function bumpMatcherVersion(executor: Executor): Promise<void> {
  await sql`update moment_matcher_version set version = version + 1`.execute(executor);
}

export async function findExistingTeams(executor: Executor, teamIds: readonly string[]): Promise<Set<string>> {
  if (teamIds.length === 0) {
    return new Set();
  }
  return new Set((await executor.selectFrom("teams").select("id").where("id", "in", [...teamIds]).execute()).map((row) => row.id));
}

export async function findExistingQueues(executor: Executor, queueIds: readonly string[]): Promise<Set<string>> {
  if (queueIds.length === 0) {
    return new Set();
  }
  return new Set((await executor.selectFrom("queues").select("id").where("id", "in", [...queueIds]).execute()).map((row) => row.id));
}

// --- Content items -------------------------------------------------------------------------------------------

export async function findContentPage(executor: Executor, actor: MomentsActor, query: { search?: string | undefined; page: number; pageSize: number }): Promise<{ rows: ContentRow[]; total: number }> {
  let base = executor.selectFrom("momentContents").where(ownedInScope(actor, "momentContents"));
  if (query.search) {
    base = base.where(sql<boolean>`moment_contents.title ilike ${likePattern(query.search)}`);
  }
  const [rows, count] = await Promise.all([
    base
      .leftJoin("users as owner", "owner.id", "momentContents.ownerId")
      .selectAll("momentContents")
      .select("owner.fullName as ownerName")
      .orderBy("momentContents.title")
      .orderBy("momentContents.id")
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export async function findContent(executor: Executor, actor: MomentsActor, contentId: string, options: { forUpdate?: boolean } = {}): Promise<ContentRow | undefined> {
  const query = executor
    .selectFrom("momentContents")
    .leftJoin("users as owner", "owner.id", "momentContents.ownerId")
    .selectAll("momentContents")
    .select("owner.fullName as ownerName")
    .where("momentContents.id", "=", contentId)
    .where(ownedInScope(actor, "momentContents"));
  return (options.forUpdate ? query.forUpdate("momentContents") : query).executeTakeFirst();
}

/** Of these content ids, those the actor may use (or, for a personal notification, those of its owner). */
export async function findUsableContents(executor: Executor, actor: MomentsActor, contentIds: readonly string[], ownerId?: string): Promise<Set<string>> {
  if (contentIds.length === 0) {
    return new Set();
  }
  let query = executor.selectFrom("momentContents").select("id").where("id", "in", [...contentIds]).where(ownedInScope(actor, "momentContents"));
  if (ownerId !== undefined) {
    query = query.where("ownerId", "=", ownerId);
  }
  return new Set((await query.execute()).map((row) => row.id));
}

export interface ContentValues {
  title: string;
  bodyHtml: string;
  links: { label: string; url: string }[];
}

export async function insertContent(executor: Executor, values: ContentValues & { ownerId: string }): Promise<string> {
  const row = await executor
    .insertInto("momentContents")
    .values({ ...values, links: JSON.stringify(values.links) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateContent(executor: Executor, contentId: string, values: ContentValues): Promise<void> {
  await executor
    .updateTable("momentContents")
    .set({ ...values, links: JSON.stringify(values.links), updatedAt: sql<Date>`now()` })
    .where("id", "=", contentId)
    .execute();
}

export async function deleteContent(executor: Executor, contentId: string): Promise<void> {
  await executor.deleteFrom("momentContents").where("id", "=", contentId).execute();
}
