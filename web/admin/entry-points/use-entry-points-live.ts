import { useQueryClient } from "@tanstack/react-query";
import { useRealtimeEvent } from "../../realtime/use-realtime-event.ts";
import { entryPointQueryKeys } from "./entry-points.api.ts";

// Another admin's change shows at once: the events carry only the id, so the list is read again.
export function useEntryPointsLive(): void {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: entryPointQueryKeys.all });
  };
  useRealtimeEvent("entry_point.created", refresh);
  useRealtimeEvent("entry_point.updated", refresh);
  useRealtimeEvent("entry_point.deleted", refresh);
  // A deleted queue leaves the chains.
  useRealtimeEvent("queue.deleted", refresh);
  useRealtimeEvent("queue.updated", refresh);
}
