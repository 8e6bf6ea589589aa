import { useQuery } from "@tanstack/react-query";
import { fetchCustomStatuses, fetchOwnPresence, presenceQueryKeys } from "../api/presence.api.ts";

// Both stay fresh through presence.changed and custom_statuses.changed, and are read again on every reconnect.
export function useOwnPresence() {
  return useQuery({ queryKey: presenceQueryKeys.own, queryFn: fetchOwnPresence, staleTime: Infinity });
}

export function useCustomStatuses() {
  return useQuery({ queryKey: presenceQueryKeys.customStatuses, queryFn: fetchCustomStatuses, staleTime: Infinity });
}
