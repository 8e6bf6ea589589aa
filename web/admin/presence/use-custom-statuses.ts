import { useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchCustomStatuses, presenceQueryKeys } from "../../api/presence.api.ts";
import { useRealtimeEvent } from "../../realtime/use-realtime-event.ts";

/** The custom statuses, kept current by `custom_statuses.changed` (another admin's change shows at once). */
export function useCustomStatuses() {
  const queryClient = useQueryClient();
  useRealtimeEvent("custom_statuses.changed", ({ statuses }) => {
    queryClient.setQueryData(presenceQueryKeys.customStatuses, statuses);
  });
  return useQuery({ queryKey: presenceQueryKeys.customStatuses, queryFn: fetchCustomStatuses });
}
