import { sql, type Expression, type SqlBool } from "kysely";
import { disabledModulesOf } from "../../../common/domain/modules.ts";
import { momentsSelfService, SELF_SERVICE_REASON_TEXT } from "../../../common/domain/licences.ts";
import type { Executor } from "../../db/database.ts";
import { NotFoundError } from "../../lib/errors.ts";
import type { Principal } from "../auth/principal.ts";

/**
 * Who is configuring Moments (product.md, People, roles, licences and Moments; seed 000):
 * - an admin manages every notification and content item;
 * - a supervisor manages their own and those of the agents in their scope (agents sharing a queue with them, as
 *   everywhere else); what they target must be in that scope too;
 * - an agent with self-service access (member on every team, `moments` licence on, `administration` off) manages
 *   only their own: personal notifications that reach them alone, with phrase criteria, and their own content.
 * Anything outside that does not exist for the asker: 404, never 403, so existence does not leak.
 */
export type MomentsActor =
  | { kind: "admin"; userId: string }
  | { kind: "supervisor"; userId: string }
  | { kind: "agent"; userId: string };

export interface MomentsAccessCheck {
  allowed: boolean;
  reasons: string[];
}

/** An agent's self-service, read from their licences and team roles now (never cached: a licence turned off counts at once). */
export async function selfServiceOf(executor: Executor, userId: string): Promise<MomentsAccessCheck> {
  const [user, roles] = await Promise.all([
    executor.selectFrom("users").select(["licenceMoments", "licenceAdministration", "permissions"]).where("id", "=", userId).executeTakeFirst(),
    executor.selectFrom("teamMembers").select("role").where("userId", "=", userId).execute(),
  ]);
  if (!user) {
    return { allowed: false, reasons: ["Unknown user."] };
  }
  const access = momentsSelfService({ moments: user.licenceMoments, administration: user.licenceAdministration, teamRoles: roles.map((row) => row.role) });
  const reasons = access.reasons.map((code) => SELF_SERVICE_REASON_TEXT[code]);
  if (disabledModulesOf(user.permissions).includes("moments")) {
    reasons.push("The Moments module is turned off.");
  }
  return { allowed: reasons.length === 0, reasons };
}

/**
 * The actor, or 404 `moments_self_service_off` for an agent without self-service access (with the reasons): for
 * them the Moments console does not exist, as nothing in it exists for an agent outside their own.
 */
export async function momentsActorOf(executor: Executor, principal: Principal): Promise<MomentsActor> {
  const user = principal.user;
  if (user.role === "admin" || user.role === "supervisor") {
    return { kind: user.role, userId: user.id };
  }
  const access = await selfServiceOf(executor, user.id);
  if (!access.allowed) {
    throw new NotFoundError("moments_self_service_off", `Moments is not available to you: ${access.reasons.join(" ")}`);
  }
  return { kind: "agent", userId: user.id };
}

type OwnedTable = "momentNotifications" | "momentContents";

/** The agents a supervisor manages (agent-scope's rule: agents sharing a queue with them), as a SQL subquery. */
function agentsOfSupervisor(supervisorId: string) {
  return sql`(select agent_queue.user_id from queue_members agent_queue
                join queue_members supervisor_queue on supervisor_queue.queue_id = agent_queue.queue_id
                join users scoped on scoped.id = agent_queue.user_id and scoped.role = 'agent'
               where supervisor_queue.user_id = ${supervisorId})`;
}

/** The rows the actor may see and change, as one SQL condition on the table's `owner_id`. */
export function ownedInScope(actor: MomentsActor, table: OwnedTable): Expression<SqlBool> {
  const owner = sql.ref(`${table === "momentNotifications" ? "moment_notifications" : "moment_contents"}.owner_id`);
  if (actor.kind === "admin") {
    return sql<SqlBool>`true`;
  }
  if (actor.kind === "agent") {
    return sql<SqlBool>`${owner} = ${actor.userId}`;
  }
  return sql<SqlBool>`(${owner} = ${actor.userId} or ${owner} in ${agentsOfSupervisor(actor.userId)})`;
}

/** Which agents' firings the actor's reports show: all, the agents in a supervisor's scope, or the agent alone. */
export function firingsInScope(actor: MomentsActor): Expression<SqlBool> {
  if (actor.kind === "admin") {
    return sql<SqlBool>`true`;
  }
  if (actor.kind === "agent") {
    return sql<SqlBool>`moment_firings.agent_id = ${actor.userId}`;
  }
  return sql<SqlBool>`moment_firings.agent_id in ${agentsOfSupervisor(actor.userId)}`;
}

/** Whether this agent is in the supervisor's scope (or the actor is an admin). */
export async function agentsInScopeOf(executor: Executor, actor: MomentsActor, agentIds: readonly string[]): Promise<Set<string>> {
  if (agentIds.length === 0) {
    return new Set();
  }
  let query = executor.selectFrom("users").select("id").where("id", "in", [...agentIds]).where("role", "=", "agent");
  if (actor.kind === "supervisor") {
    query = query.where(sql<SqlBool>`users.id in ${agentsOfSupervisor(actor.userId)}`);
  } else if (actor.kind === "agent") {
    query = query.where("id", "=", actor.userId);
  }
  return new Set((await query.execute()).map((row) => row.id));
}
