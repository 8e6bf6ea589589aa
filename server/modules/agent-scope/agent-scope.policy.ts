import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { Role } from "../../../common/domain/roles.ts";
import type { Database } from "../../db/tables.ts";

/**
 * Which agents a person may see and change (product.md, People, roles, licences): an admin every agent; a
 * supervisor only the agents who share a queue with them (both have a `queue_members` row for it). Outside the
 * scope an agent does not exist for that person: the answer is 404, never 403.
 */
export type AgentScope = { kind: "all" } | { kind: "shared-queues"; supervisorId: string };

export function agentScopeOf(user: { id: string; role: Role }): AgentScope {
  return user.role === "admin" ? { kind: "all" } : { kind: "shared-queues", supervisorId: user.id };
}

/**
 * The scope as one SQL condition on `users`: the user is an agent and, for a supervisor, shares a queue with
 * them. The agents list, export and bulk actions filter with it in the same statement (no query per agent).
 */
export function agentsInScope(scope: AgentScope): (eb: ExpressionBuilder<Database, "users">) => Expression<SqlBool> {
  return (eb) => {
    const isAgent = eb("users.role", "=", "agent");
    if (scope.kind === "all") {
      return isAgent;
    }
    return eb.and([
      isAgent,
      eb.exists(
        eb
          .selectFrom("queueMembers as agentQueue")
          .innerJoin("queueMembers as supervisorQueue", "supervisorQueue.queueId", "agentQueue.queueId")
          .whereRef("agentQueue.userId", "=", "users.id")
          .where("supervisorQueue.userId", "=", scope.supervisorId)
          .select(sql.lit(1).as("shared")),
      ),
    ]);
  };
}
