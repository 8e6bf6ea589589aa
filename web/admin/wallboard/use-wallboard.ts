import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import { useRealtimeEvent } from "../../realtime/use-realtime-event.ts";
import { fetchWallboard, startOfLocalDay, wallboardQueryKey } from "./wallboard.api.ts";

/**
 * The board, kept live: every `wallboard.changed` hint re-reads it (a reconnect re-reads every query, see
 * web/realtime/). A hint that comes while a read is under way is not dropped, nor does it cancel that read
 * (under a burst the page would never finish one): one more read follows it.
 */
export function useWallboard() {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: wallboardQueryKey, queryFn: fetchWallboard });
  const hintWhileReading = useRef(false);
  const reread = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: wallboardQueryKey }, { cancelRefetch: false });
  }, [queryClient]);

  useRealtimeEvent("wallboard.changed", () => {
    if (queryClient.isFetching({ queryKey: wallboardQueryKey }) > 0) {
      hintWhileReading.current = true;
      return;
    }
    reread();
  });

  useEffect(() => {
    if (!query.isFetching && hintWhileReading.current) {
      hintWhileReading.current = false;
      reread();
    }
  }, [query.isFetching, reread]);

  // Today's figures start again at the viewer's midnight.
  useEffect(() => {
    const today = startOfLocalDay();
    const nextMidnight = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
    const timer = setTimeout(reread, nextMidnight.getTime() - Date.now() + 1000);
    return () => clearTimeout(timer);
  }, [query.dataUpdatedAt, reread]);

  return query;
}
