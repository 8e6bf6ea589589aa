import type { Executor } from "../../db/database.ts";
import type { UserRow } from "../../db/tables.ts";
import { agentsInScope, type AgentScope } from "./agent-scope.policy.ts";

export type ScopedAgentRow = Pick<
  UserRow,
  "id" | "username" | "fullName" | "permissions" | "clientLogsEnabled" | "clientLogLevel" | "licenceMoments" | "licenceAdministration"
>;

/** The agent, when the scope may see them. `forUpdate` locks the row for a change. */
export async function findAgentInScope(
  executor: Executor,
  scope: AgentScope,
  agentId: string,
  options: { forUpdate?: boolean } = {},
): Promise<ScopedAgentRow | undefined> {
  const query = executor
    .selectFrom("users")
    .select(["id", "username", "fullName", "permissions", "clientLogsEnabled", "clientLogLevel", "licenceMoments", "licenceAdministration"])
    .where("users.id", "=", agentId)
    .where(agentsInScope(scope));
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
}
