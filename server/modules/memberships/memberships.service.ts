import type { AgentMemberships, MembershipChange } from "../../../common/api/groups.ts";
import type { UserId } from "../../../common/domain/ids.ts";
import type { Db } from "../../db/database.ts";
import { NotFoundError } from "../../lib/errors.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import { adminRoom, queueRoom, teamRoom, userRoom } from "../../realtime/rooms.ts";
import type { AgentScopeService } from "../agent-scope/agent-scope.service.ts";
import type { Principal } from "../auth/principal.ts";
import { membershipsByAgent } from "./memberships.presenter.ts";
import * as memberships from "./memberships.repository.ts";

const PUBLISH_BATCH = 500;

/**
 * What an agent belongs to (teams with their role, queues by channel, campaigns, lists), the rooms their
 * sockets join, and the push that tells an agent's open desktops at once when it changes (issue 3, item 2).
 */
export class MembershipsService {
  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    private readonly agentScope: AgentScopeService,
  ) {}

  /** Admins see every agent's; a supervisor only an agent they manage, and only the queues they are enabled on. */
  async membershipsOf(agentId: string, viewer: Principal): Promise<AgentMemberships> {
    const agent = await memberships.findCandidateMember(this.db, agentId);
    const visible = agent && (agent.role === "agent" || (agent.role === "supervisor" && viewer.user.role === "admin"));
    if (!visible || (viewer.user.role === "supervisor" && !(await this.agentScope.canManageAgent(viewer.user, agentId)))) {
      throw new NotFoundError("agent_not_found", "Agent not found.");
    }
    const rows = await memberships.findMemberships(this.db, [agentId]);
    const all = membershipsByAgent([agentId], rows).get(agentId) ?? emptyMemberships(agentId);
    if (viewer.user.role !== "supervisor") {
      return all;
    }
    const own = new Set((await memberships.findRoomGroupIds(this.db, viewer.user.id)).queueIds);
    return { ...all, queues: all.queues.filter((queue) => own.has(queue.id)) };
  }

  /** The team and queue rooms a user's sockets join on connect (the gateway's room resolver). */
  async roomsOf(userId: string): Promise<string[]> {
    const { teamIds, queueIds } = await memberships.findRoomGroupIds(this.db, userId);
    return [...teamIds.map(teamRoom), ...queueIds.map(queueRoom)];
  }

  /** After a commit: each affected agent's desktops (and the admins' consoles) get the agent's new memberships. */
  async publishChanges(userIds: readonly string[], change: MembershipChange): Promise<void> {
    const unique = [...new Set(userIds)];
    for (let start = 0; start < unique.length; start += PUBLISH_BATCH) {
      const batch = unique.slice(start, start + PUBLISH_BATCH);
      const byAgent = membershipsByAgent(batch, await memberships.findMemberships(this.db, batch));
      for (const [agentId, current] of byAgent) {
        this.events.publish(
          "agent.memberships_changed",
          { agentId: agentId as UserId, memberships: current, change },
          { rooms: [userRoom(agentId), adminRoom()] },
        );
      }
    }
  }
}

function emptyMemberships(agentId: string): AgentMemberships {
  return { agentId: agentId as UserId, teams: [], queues: [], campaigns: [], lists: [] };
}
