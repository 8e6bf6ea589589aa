import type { Role } from "../../../common/domain/roles.ts";
import type { Db, Executor, Tx } from "../../db/database.ts";
import { NotFoundError } from "../../lib/errors.ts";
import type { AuditChange, AuditService } from "../audit/audit.service.ts";
import type { Actor } from "../auth/principal.ts";
import { agentScopeOf } from "./agent-scope.policy.ts";
import { findAgentInScope, type ScopedAgentRow } from "./agent-scope.repository.ts";

export type ScopedAgent = ScopedAgentRow;

/** What a change of one agent's settings did: its audit entry (on the agent) and what the caller gets back. */
export interface AgentChange<Result> extends Pick<AuditChange, "action" | "summary" | "before" | "after"> {
  result: Result;
}

/**
 * The one owner of "which agents may this person act on" (product.md, People, roles, licences): admins any
 * agent, supervisors the agents who share a queue with them, agents none. Per-agent settings (channels,
 * permissions, licences, client logs), memberships and security actions all ask here. Outside the scope the
 * agent does not exist for the asker: 404, never 403.
 */
export class AgentScopeService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /** The agent as the actor may see them, or 404. Pass a transaction and `forUpdate` to lock the row for a change. */
  async findAgent(actor: Actor, agentId: string, executor: Executor = this.db, options: { forUpdate?: boolean } = {}): Promise<ScopedAgent> {
    const agent = await this.findInScope(actor.principal.user, agentId, executor, options);
    if (!agent) {
      throw agentNotFound();
    }
    return agent;
  }

  /**
   * Locks the agent in the actor's scope (404 outside it), applies `change` and records it in the audit log, in
   * one short transaction: two changes of one agent apply one after the other, and none is lost.
   */
  async changeAgent<Result>(actor: Actor, agentId: string, change: (transaction: Tx, agent: ScopedAgent) => Promise<AgentChange<Result>>): Promise<Result> {
    return this.db.transaction().execute(async (transaction) => {
      const agent = await this.findAgent(actor, agentId, transaction, { forUpdate: true });
      const { result, ...audited } = await change(transaction, agent);
      await this.audit.record(transaction, actor, { ...audited, entityType: "agent", entityId: agent.id });
      return result;
    });
  }

  /** Whether this user may act on this agent. */
  async canManageAgent(user: { id: string; role: Role }, agentId: string): Promise<boolean> {
    return (await this.findInScope(user, agentId, this.db)) !== undefined;
  }

  private async findInScope(user: { id: string; role: Role }, agentId: string, executor: Executor, options: { forUpdate?: boolean } = {}): Promise<ScopedAgent | undefined> {
    if (user.role === "agent") {
      return undefined;
    }
    return findAgentInScope(executor, agentScopeOf(user), agentId, options);
  }
}

function agentNotFound(): NotFoundError {
  return new NotFoundError("agent_not_found", "Agent not found.");
}
