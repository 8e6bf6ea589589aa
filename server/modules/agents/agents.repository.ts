import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { AgentFilters, ListAgentsQuery } from "../../../common/api/agents.ts";
import type { Executor } from "../../db/database.ts";
import type { Database, NewUserRow, UserRow, UserUpdate } from "../../db/tables.ts";
import { agentsInScope, type AgentScope } from "../agent-scope/agent-scope.policy.ts";

type UsersExpressions = ExpressionBuilder<Database, "users">;

/** The columns a list row or a CSV line needs: not the settings, not the secrets. */
export const AGENT_SUMMARY_COLUMNS = [
  "id",
  "username",
  "fullName",
  "alias",
  "email",
  "extension",
  "typology",
  "disabled",
  "lockedAt",
  "createdAt",
] as const satisfies readonly (keyof UserRow)[];
export type AgentSummaryRow = Pick<UserRow, (typeof AGENT_SUMMARY_COLUMNS)[number]>;

export type AgentInsertResult = { row: UserRow; conflict?: undefined } | { row?: undefined; conflict: "username" | "extension" };

// The unique indexes of the users table (migrations 20261121150000 and 20261121160000).
const CONFLICTS: Record<string, "username" | "extension"> = { users_username_lower_key: "username", users_extension_key: "extension" };

/** Agents this scope may see, matching these filters. */
function agentConditions(scope: AgentScope, filters: AgentFilters = {}) {
  return (eb: UsersExpressions): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [agentsInScope(scope)(eb)];
    if (filters.search) {
      // search_text: name, username, alias, e-mail and extension, lower-cased (migration 20261121170100).
      const pattern = `%${filters.search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
      conditions.push(eb("users.searchText", "like", sql<string>`lower(${pattern})`));
    }
    if (filters.teamId) {
      const teamId = filters.teamId;
      conditions.push(eb.exists(eb.selectFrom("teamMembers").whereRef("teamMembers.userId", "=", "users.id").where("teamMembers.teamId", "=", teamId).select(sql.lit(1).as("member"))));
    }
    if (filters.queueId) {
      const queueId = filters.queueId;
      conditions.push(eb.exists(eb.selectFrom("queueMembers").whereRef("queueMembers.userId", "=", "users.id").where("queueMembers.queueId", "=", queueId).select(sql.lit(1).as("member"))));
    }
    if (filters.typology) {
      // Agents created outside this API (the CLI) have no typology yet: they are WebRTC agents.
      conditions.push(filters.typology === "webrtc" ? eb.or([eb("users.typology", "=", "webrtc"), eb("users.typology", "is", null)]) : eb("users.typology", "=", filters.typology));
    }
    if (filters.status === "active") {
      conditions.push(eb.and([eb("users.disabled", "=", false), eb("users.lockedAt", "is", null)]));
    } else if (filters.status === "disabled") {
      conditions.push(eb("users.disabled", "=", true));
    } else if (filters.status === "locked") {
      conditions.push(eb("users.lockedAt", "is not", null));
    }
    return eb.and(conditions);
  };
}

export async function findAgentPage(executor: Executor, scope: AgentScope, query: ListAgentsQuery): Promise<{ rows: AgentSummaryRow[]; total: number }> {
  const filtered = executor.selectFrom("users").where(agentConditions(scope, query));
  const direction = query.order;
  let ordered = filtered.select(AGENT_SUMMARY_COLUMNS);
  if (query.sort === "fullName") {
    ordered = ordered.orderBy(sql`lower(users.full_name)`, direction);
  } else if (query.sort === "username") {
    ordered = ordered.orderBy(sql`lower(users.username)`, direction);
  } else if (query.sort === "extension") {
    // Extensions are digits: shorter first, so 999 comes before 1001. Agents without one come last.
    ordered = ordered.orderBy(sql`users.extension is null`).orderBy(sql`length(users.extension)`, direction).orderBy("users.extension", direction);
  } else {
    ordered = ordered.orderBy("users.createdAt", direction);
  }
  const [rows, count] = await Promise.all([
    ordered.orderBy("users.id", direction).limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
    filtered.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

/** The agent, when this scope may see it; locked for the rest of the transaction when asked. */
export async function findAgent(executor: Executor, scope: AgentScope, agentId: string, options: { forUpdate?: boolean } = {}): Promise<UserRow | undefined> {
  const query = executor.selectFrom("users").selectAll().where("users.id", "=", agentId).where(agentConditions(scope));
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

/** Which of these ids are agents this scope may see. */
export async function findVisibleAgentIds(executor: Executor, scope: AgentScope, agentIds: readonly string[]): Promise<string[]> {
  if (agentIds.length === 0) {
    return [];
  }
  const rows = await executor.selectFrom("users").select("users.id").where("users.id", "in", agentIds).where(agentConditions(scope)).execute();
  return rows.map((row) => row.id);
}

export async function isExtensionTaken(executor: Executor, extension: string, exceptUserId?: string): Promise<boolean> {
  let query = executor.selectFrom("users").select("id").where("extension", "=", extension);
  if (exceptUserId) {
    query = query.where("id", "<>", exceptUserId);
  }
  return (await query.executeTakeFirst()) !== undefined;
}

/** The next number of `user_extension_seq` that no one has taken by hand. */
export async function nextFreeExtension(executor: Executor): Promise<string> {
  for (;;) {
    const { rows } = await sql<{ extension: string }>`
      select candidate as extension
      from (select nextval('user_extension_seq')::text as candidate) next_value
      where not exists (select 1 from users where users.extension = next_value.candidate)`.execute(executor);
    if (rows[0]) {
      return rows[0].extension;
    }
  }
}

export async function insertAgent(executor: Executor, agent: NewUserRow): Promise<AgentInsertResult> {
  try {
    return { row: await executor.insertInto("users").values(agent).returningAll().executeTakeFirstOrThrow() };
  } catch (error) {
    const conflict = uniqueConflictOf(error);
    if (conflict) {
      return { conflict };
    }
    throw error;
  }
}

export async function updateAgent(executor: Executor, agentId: string, changes: UserUpdate): Promise<AgentInsertResult> {
  try {
    const row = await executor
      .updateTable("users")
      .set({ ...changes, updatedAt: sql<Date | string>`now()` })
      .where("id", "=", agentId)
      .where("role", "=", "agent")
      .returningAll()
      .executeTakeFirstOrThrow();
    return { row };
  } catch (error) {
    const conflict = uniqueConflictOf(error);
    if (conflict) {
      return { conflict };
    }
    throw error;
  }
}

export async function setAgentPassword(executor: Executor, agentId: string, passwordHash: string): Promise<UserRow | undefined> {
  return executor
    .updateTable("users")
    .set({ passwordHash, passwordChangedAt: sql<Date | string>`now()`, updatedAt: sql<Date | string>`now()` })
    .where("id", "=", agentId)
    .where("role", "=", "agent")
    .returningAll()
    .executeTakeFirst();
}

/** Deletes the agents among these ids that this scope may see; returns the deleted rows. */
export async function deleteAgents(executor: Executor, scope: AgentScope, agentIds: readonly string[]): Promise<AgentSummaryRow[]> {
  return executor.deleteFrom("users").where("users.id", "in", agentIds).where(agentConditions(scope)).returning(AGENT_SUMMARY_COLUMNS).execute();
}

export interface AgentExportRow extends AgentSummaryRow {
  description: string | null;
  loginInPause: boolean;
  toastPosition: string;
  lastLoginAt: Date | null;
  passwordChangedAt: Date | null;
}

/**
 * One batch of the export, in username order after `afterUsername` (keyset pagination: each batch is one
 * short query, so the export never holds a connection, or PGlite's only one, for the whole download).
 */
export async function findAgentExportBatch(
  executor: Executor,
  scope: AgentScope,
  selection: { filters: AgentFilters; agentIds?: readonly string[] | undefined },
  afterUsername: string | undefined,
  limit: number,
): Promise<AgentExportRow[]> {
  let query = executor
    .selectFrom("users")
    .select([...AGENT_SUMMARY_COLUMNS, "description", "loginInPause", "toastPosition", "lastLoginAt", "passwordChangedAt"])
    .where(agentConditions(scope, selection.filters));
  if (selection.agentIds) {
    query = query.where("users.id", "in", selection.agentIds);
  }
  if (afterUsername !== undefined) {
    query = query.where(sql<string>`lower(users.username)`, ">", afterUsername.toLowerCase());
  }
  return query.orderBy(sql`lower(users.username)`).limit(limit).execute();
}

/** Names of the teams and queues of these agents, by agent id, each list sorted. */
export async function findGroupNames(executor: Executor, agentIds: readonly string[]): Promise<{ teams: Map<string, string[]>; queues: Map<string, string[]> }> {
  if (agentIds.length === 0) {
    return { teams: new Map(), queues: new Map() };
  }
  const [teamRows, queueRows] = await Promise.all([
    executor
      .selectFrom("teamMembers")
      .innerJoin("teams", "teams.id", "teamMembers.teamId")
      .select(["teamMembers.userId", "teams.name"])
      .where("teamMembers.userId", "in", agentIds)
      .orderBy("teams.name")
      .execute(),
    executor
      .selectFrom("queueMembers")
      .innerJoin("queues", "queues.id", "queueMembers.queueId")
      .select(["queueMembers.userId", "queues.name"])
      .where("queueMembers.userId", "in", agentIds)
      .orderBy("queues.name")
      .execute(),
  ]);
  return { teams: groupByUser(teamRows), queues: groupByUser(queueRows) };
}

function groupByUser(rows: { userId: string; name: string }[]): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const row of rows) {
    names.set(row.userId, [...(names.get(row.userId) ?? []), row.name]);
  }
  return names;
}

function uniqueConflictOf(error: unknown): "username" | "extension" | undefined {
  if (typeof error !== "object" || error === null) {
    return undefined;
  }
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === "23505" && typeof constraint === "string" ? CONFLICTS[constraint] : undefined;
}
