import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { agentQueryKeys, fetchAgent } from "../../api/agents.api.ts";
import { useRealtimeEvent } from "../../realtime/use-realtime-event.ts";

/** One agent, kept as stored when anyone changes or deletes them (agent.updated / agent.deleted). */
export function useAgent(agentId: string) {
  const queryClient = useQueryClient();
  const [deleted, setDeleted] = useState(false);
  const agent = useQuery({ queryKey: agentQueryKeys.detail(agentId), queryFn: () => fetchAgent(agentId) });
  useRealtimeEvent("agent.updated", (payload) => {
    if (payload.agent.id === agentId) {
      void queryClient.invalidateQueries({ queryKey: agentQueryKeys.detail(agentId) });
    }
  });
  useRealtimeEvent("agent.deleted", (payload) => {
    if (payload.agentId === agentId) {
      setDeleted(true);
    }
  });
  return { agent, deleted };
}
