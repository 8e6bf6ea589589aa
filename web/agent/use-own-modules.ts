import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { Module } from "../../common/domain/modules.ts";
import { fetchOwnPermissions, permissionQueryKeys } from "../api/permissions.api.ts";
import { useCurrentUser } from "../hooks/use-session.ts";
import { useRealtimeEvent } from "../realtime/use-realtime-event.ts";

/**
 * The desktop modules turned on for the signed-in agent, kept live: an admin's change arrives as
 * `agent.permissions_changed` and the desktop follows at once. Undefined until first known.
 */
export function useOwnModules(): Readonly<Record<Module, boolean>> | undefined {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const permissions = useQuery({ queryKey: permissionQueryKeys.own, queryFn: fetchOwnPermissions, staleTime: 60_000 });
  useRealtimeEvent("agent.permissions_changed", (payload) => {
    if (payload.agentId === user.id) {
      queryClient.setQueryData(permissionQueryKeys.own, payload.permissions);
    }
  });
  return permissions.data?.modules;
}
