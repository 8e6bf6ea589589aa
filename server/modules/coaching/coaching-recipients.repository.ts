import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { CoachingFilters, CoachingGroupKind } from "../../../common/api/coaching.ts";
import type { Executor } from "../../db/database.ts";
import type { Database } from "../../db/tables.ts";
import { agentsInScope, type AgentScope } from "../agent-scope/agent-scope.policy.ts";

// Who a coaching message reaches, resolved in the database (issue 6: "the recipients are resolved on the server").
// One condition on `users` serves the compose page's agent list, the confirmation's count and the send's
// insert, so the three always agree: agents in the sender's scope (agent-scope), with the coaching module on,
// and, for a group, its members narrowed by the filters.

export type ResolvedTarget = { kind: "agent"; agentId: string } | { kind: "group"; groupKind: CoachingGroupKind; groupId: string; filters: CoachingFilters };

/** A target before the group is known: the compose page may list every agent in scope. */
export type RecipientSelection = { kind: "agent"; agentId: string } | { kind: "group"; groupKind: CoachingGroupKind; groupId: string; filters: CoachingFilters } | { kind: "everyone"; filters: CoachingFilters };

type UsersExpressions = ExpressionBuilder<Database, "users">;

/** The desktop's coaching module is on (product.md: a module turned off is absent from the agent's desktop). */
export const coachingModuleOn = sql<boolean>`coalesce(users.permissions -> 'modules' ->> 'coaching', 'true') <> 'false'`;

function memberOf(eb: UsersExpressions, groupKind: CoachingGroupKind, groupId: string): Expression<SqlBool> {
  const one = sql.lit(1).as("member");
  switch (groupKind) {
    case "team":
      return eb.exists(eb.selectFrom("teamMembers").whereRef("teamMembers.userId", "=", "users.id").where("teamMembers.teamId", "=", groupId).select(one));
    case "queue":
      return eb.exists(eb.selectFrom("queueMembers").whereRef("queueMembers.userId", "=", "users.id").where("queueMembers.queueId", "=", groupId).select(one));
    case "campaign":
      return eb.exists(eb.selectFrom("campaignMembers").whereRef("campaignMembers.userId", "=", "users.id").where("campaignMembers.campaignId", "=", groupId).select(one));
    case "list":
      return eb.exists(eb.selectFrom("listMembers").whereRef("listMembers.userId", "=", "users.id").where("listMembers.listId", "=", groupId).select(one));
  }
}

function filterConditions(eb: UsersExpressions, filters: CoachingFilters): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  if (filters.search) {
    // search_text: name, username, alias, e-mail and extension, lower-cased (migration 20261121170100).
    const pattern = `%${filters.search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    conditions.push(eb("users.searchText", "like", sql<string>`lower(${pattern})`));
  }
  if (filters.typology) {
    // Agents created outside the agents API (the CLI) have no typology yet: they are WebRTC agents.
    conditions.push(filters.typology === "webrtc" ? eb.or([eb("users.typology", "=", "webrtc"), eb("users.typology", "is", null)]) : eb("users.typology", "=", filters.typology));
  }
  if (filters.status === "active") {
    conditions.push(eb.and([eb("users.disabled", "=", false), eb("users.lockedAt", "is", null)]));
  } else if (filters.status === "disabled") {
    conditions.push(eb("users.disabled", "=", true));
  } else if (filters.status === "locked") {
    conditions.push(eb("users.lockedAt", "is not", null));
  }
  return conditions;
}

/** The recipients of a selection, as one condition on `users`. */
export function recipientConditions(scope: AgentScope, selection: RecipientSelection) {
  return (eb: UsersExpressions): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [agentsInScope(scope)(eb), coachingModuleOn];
    if (selection.kind === "agent") {
      conditions.push(eb("users.id", "=", selection.agentId));
    } else {
      if (selection.kind === "group") {
        conditions.push(memberOf(eb, selection.groupKind, selection.groupId));
      }
      conditions.push(...filterConditions(eb, selection.filters));
    }
    return eb.and(conditions);
  };
}

export interface RecipientAgentRow {
  id: string;
  fullName: string;
  username: string;
}

export async function findRecipientPage(
  executor: Executor,
  scope: AgentScope,
  selection: RecipientSelection,
  page: { page: number; pageSize: number },
): Promise<{ rows: RecipientAgentRow[]; total: number }> {
  const filtered = executor.selectFrom("users").where(recipientConditions(scope, selection));
  const [rows, count] = await Promise.all([
    filtered
      .select(["users.id", "users.fullName", "users.username"])
      .orderBy(sql`lower(users.full_name)`)
      .orderBy("users.id")
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    filtered.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export async function countRecipients(executor: Executor, scope: AgentScope, selection: RecipientSelection): Promise<number> {
  const row = await executor
    .selectFrom("users")
    .where(recipientConditions(scope, selection))
    .select((eb) => eb.fn.countAll<number>().as("total"))
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/** The agent in the sender's scope (any module setting), with whether their coaching module is on. */
export async function findTargetAgent(executor: Executor, scope: AgentScope, agentId: string): Promise<(RecipientAgentRow & { coachingOn: boolean }) | undefined> {
  return executor
    .selectFrom("users")
    .select(["users.id", "users.fullName", "users.username", coachingModuleOn.as("coachingOn")])
    .where("users.id", "=", agentId)
    .where(agentsInScope(scope))
    .executeTakeFirst();
}

/**
 * The group's name, when the sender may see it: teams, campaigns and lists are visible to admins and supervisors;
 * a supervisor sees only the queues they are enabled on (product.md, People, roles, licences).
 */
export async function findGroupName(executor: Executor, groupKind: CoachingGroupKind, groupId: string, supervisorId: string | undefined): Promise<string | undefined> {
  switch (groupKind) {
    case "team":
      return (await executor.selectFrom("teams").select("name").where("id", "=", groupId).executeTakeFirst())?.name;
    case "campaign":
      return (await executor.selectFrom("campaigns").select("name").where("id", "=", groupId).executeTakeFirst())?.name;
    case "list":
      return (await executor.selectFrom("lists").select("name").where("id", "=", groupId).executeTakeFirst())?.name;
    case "queue": {
      let query = executor.selectFrom("queues").select("queues.name").where("queues.id", "=", groupId);
      if (supervisorId !== undefined) {
        query = query.where((eb) =>
          eb.exists(eb.selectFrom("queueMembers").whereRef("queueMembers.queueId", "=", "queues.id").where("queueMembers.userId", "=", supervisorId).select(sql.lit(1).as("enabled"))),
        );
      }
      return (await query.executeTakeFirst())?.name;
    }
  }
}

/**
 * Online in a working status, as one SQL condition (common/domain/coaching.ts, receivesCoachingLive): a live
 * connection lease, and ready, on a call, or a custom status that does not pause routing.
 */
export const receivesLive = sql<SqlBool>`(
  agent_presence.connected_until > now()
  and (agent_presence.status in ('ready', 'on-call') or (agent_presence.status = 'custom' and custom_statuses.pauses_routing = false))
)`;

/**
 * Every recipient's copy in one statement (issue 6: each copy is stored before anything is pushed). Copies of
 * agents online in a working status are delivered now; the others wait for the agent's sign-in or return.
 * Answers the agents and whether each was delivered.
 */
export async function insertCopies(
  executor: Executor,
  scope: AgentScope,
  target: ResolvedTarget,
  message: { id: string; createdAt: Date },
): Promise<{ agentId: string; delivered: boolean }[]> {
  const selectRecipients = executor
    .selectFrom("users")
    .leftJoin("agentPresence", "agentPresence.userId", "users.id")
    .leftJoin("customStatuses", "customStatuses.id", "agentPresence.customStatusId")
    .where(recipientConditions(scope, target))
    // Parameters in a select list have no type of their own: cast them to the columns' types.
    .select([
      sql<string>`${message.id}::uuid`.as("messageId"),
      "users.id as agentId",
      "users.fullName as agentName",
      "users.username as agentUsername",
      sql<Date>`${message.createdAt}::timestamptz`.as("createdAt"),
      sql<Date | null>`case when ${receivesLive} then ${message.createdAt}::timestamptz end`.as("deliveredAt"),
    ])
    .orderBy(sql`lower(users.full_name)`)
    .orderBy("users.id");
  const rows = await executor
    .insertInto("coachingRecipients")
    .columns(["messageId", "agentId", "agentName", "agentUsername", "createdAt", "deliveredAt"])
    .expression(selectRecipients)
    .returning(["agentId", "deliveredAt"])
    .execute();
  return rows.map((row) => ({ agentId: row.agentId ?? "", delivered: row.deliveredAt !== null }));
}
