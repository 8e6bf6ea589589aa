import { useQuery } from "@tanstack/react-query";
import { fetchAgentMemberships, groupQueryKeys } from "../../api/groups.api.ts";
import { FormAlert } from "../../components/form-alert.tsx";
import { LoadError } from "../../components/load-error.tsx";
import { useCurrentUser } from "../../hooks/use-session.ts";
import { AgentGroupsCard } from "./agent-groups-card.tsx";
import { AgentQueuesCard } from "./agent-queues-card.tsx";
import { AgentTeamsCard } from "./agent-teams-card.tsx";
import { useGroupsLive } from "./use-groups-live.ts";
import { useMembershipAction } from "./use-membership-action.ts";

// The agent page's "Teams & queues" tab. Seed 002: "All changes you make are automatically saved and
// operational": each change is one request, pushed at once to the agent's open desktop.
// Supervisors see the queues they are enabled on and may staff them; the rest is read-only to them.
export function AgentMembershipsTab({ agentId }: { agentId: string }) {
  useGroupsLive();
  const isAdmin = useCurrentUser().role === "admin";
  const memberships = useQuery({ queryKey: groupQueryKeys.memberships(agentId), queryFn: () => fetchAgentMemberships(agentId) });
  const actions = useMembershipAction(agentId);

  if (memberships.isError) {
    return <LoadError message="The agent's teams and queues could not be loaded." onRetry={() => void memberships.refetch()} />;
  }
  if (!memberships.data) {
    return <p role="status">Loading…</p>;
  }
  const { teams, queues, campaigns, lists } = memberships.data;
  return (
    <div className="section">
      <div className="feedback">
        <p className="form-status" role="status">
          {actions.announcement}
        </p>
        <FormAlert message={actions.error} />
      </div>
      <div className="membership-grid">
        <AgentTeamsCard agentId={agentId} teams={teams} editable={isAdmin} actions={actions} />
        <AgentQueuesCard agentId={agentId} queues={queues} editable actions={actions} />
        <AgentGroupsCard kind="campaign" title="Campaigns" agentId={agentId} groups={campaigns} editable={isAdmin} actions={actions} />
        <AgentGroupsCard kind="list" title="Lists" agentId={agentId} groups={lists} editable={isAdmin} actions={actions} />
      </div>
    </div>
  );
}
