import type { AgentMemberships, CampaignId, ListId, QueueId, TeamId } from "../../../common/api/groups.ts";
import type { UserId } from "../../../common/domain/ids.ts";
import type { MembershipRows } from "./memberships.repository.ts";

/** Each agent's memberships out of rows that hold many agents', in one pass over the rows. */
export function membershipsByAgent(agentIds: readonly string[], rows: MembershipRows): Map<string, AgentMemberships> {
  const byAgent = new Map<string, AgentMemberships>(
    agentIds.map((agentId) => [agentId, { agentId: agentId as UserId, teams: [], queues: [], campaigns: [], lists: [] }]),
  );
  for (const team of rows.teams) {
    byAgent.get(team.userId)?.teams.push({ id: team.id as TeamId, name: team.name, role: team.role });
  }
  for (const queue of rows.queues) {
    byAgent.get(queue.userId)?.queues.push({ id: queue.id as QueueId, name: queue.name, channel: queue.channel });
  }
  for (const campaign of rows.campaigns) {
    byAgent.get(campaign.userId)?.campaigns.push({ id: campaign.id as CampaignId, name: campaign.name });
  }
  for (const list of rows.lists) {
    byAgent.get(list.userId)?.lists.push({ id: list.id as ListId, name: list.name });
  }
  return byAgent;
}
