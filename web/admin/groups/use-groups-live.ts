import { useQueryClient } from "@tanstack/react-query";
import { groupQueryKeys } from "../../api/groups.api.ts";
import { useRealtimeEvent } from "../../realtime/use-realtime-event.ts";

// Another admin's change shows at once: any group event refetches the group pages' queries.
export function useGroupsLive(): void {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: groupQueryKeys.all });
  };
  useRealtimeEvent("team.created", refresh);
  useRealtimeEvent("team.updated", refresh);
  useRealtimeEvent("team.deleted", refresh);
  useRealtimeEvent("queue.created", refresh);
  useRealtimeEvent("queue.updated", refresh);
  useRealtimeEvent("queue.deleted", refresh);
  useRealtimeEvent("campaign.created", refresh);
  useRealtimeEvent("campaign.updated", refresh);
  useRealtimeEvent("campaign.deleted", refresh);
  useRealtimeEvent("list.created", refresh);
  useRealtimeEvent("list.updated", refresh);
  useRealtimeEvent("list.deleted", refresh);
  useRealtimeEvent("agent.memberships_changed", ({ agentId, memberships }) => {
    queryClient.setQueryData(groupQueryKeys.memberships(agentId), memberships);
  });
}
