import { useQueryClient } from "@tanstack/react-query";
import { channelQueryKeys } from "../../api/channels.api.ts";
import { clientLogQueryKeys } from "../../api/client-logs.api.ts";
import { licenceQueryKeys } from "../../api/licences.api.ts";
import { permissionQueryKeys } from "../../api/permissions.api.ts";
import { useRealtimeEvent } from "../../realtime/use-realtime-event.ts";

/** Keeps an agent's channel, permission, licence and client-log tabs as stored when someone else changes them. */
export function useAgentLiveUpdates(agentId: string): void {
  const queryClient = useQueryClient();
  useRealtimeEvent("agent.channels_changed", (payload) => {
    if (payload.agentId === agentId) {
      queryClient.setQueryData(channelQueryKeys.agentChannels(agentId), payload.channels);
    }
  });
  useRealtimeEvent("agent.permissions_changed", (payload) => {
    if (payload.agentId === agentId) {
      queryClient.setQueryData(permissionQueryKeys.agent(agentId), payload.permissions);
    }
  });
  useRealtimeEvent("agent.licences_changed", (payload) => {
    if (payload.agentId === agentId) {
      queryClient.setQueryData(licenceQueryKeys.agent(agentId), payload.licences);
    }
  });
  useRealtimeEvent("agent.client_logs_changed", (payload) => {
    if (payload.agentId === agentId) {
      queryClient.setQueryData(clientLogQueryKeys.agentSettings(agentId), payload.settings);
    }
  });
}
