import type { AgentPermissions, UpdateAgentPermissionsRequest } from "../../../common/api/permissions.ts";
import type { UserId } from "../../../common/domain/ids.ts";
import type { Db } from "../../db/database.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import { adminRoom, userRoom } from "../../realtime/rooms.ts";
import type { Actor, Principal } from "../auth/principal.ts";
import type { AgentScopeService } from "../agent-scope/agent-scope.service.ts";
import { applyPermissionChanges, presentPermissions } from "./permissions.presenter.ts";
import { findPermissions, writePermissions } from "./permissions.repository.ts";

/** product.md, The agent record: permission flags, downloads and module permissions, per agent. */
export class PermissionsService {
  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    private readonly scope: AgentScopeService,
  ) {}

  async getForAgent(actor: Actor, agentId: string): Promise<AgentPermissions> {
    const agent = await this.scope.findAgent(actor, agentId);
    return presentPermissions(agent.permissions);
  }

  /** The signed-in user's own permissions: the desktop shows only the modules turned on. */
  async getOwn(principal: Principal): Promise<AgentPermissions> {
    return presentPermissions(await findPermissions(this.db, principal.user.id));
  }

  async updateForAgent(actor: Actor, agentId: string, changes: UpdateAgentPermissionsRequest): Promise<AgentPermissions> {
    // The row is locked while the change is merged, so two changes of different flags both land.
    const { agent, permissions } = await this.scope.changeAgent(actor, agentId, async (transaction, locked) => {
      const before = presentPermissions(locked.permissions);
      const after = applyPermissionChanges(before, changes);
      await writePermissions(transaction, locked.id, after);
      const summary = `Changed the permissions of ${locked.username} (${locked.fullName})`;
      return { action: "agent.permissions_updated", summary, before, after, result: { agent: locked, permissions: after } };
    });
    this.events.publish("agent.permissions_changed", { agentId: agent.id as UserId, permissions }, { rooms: [userRoom(agent.id), adminRoom()] });
    return permissions;
  }
}
