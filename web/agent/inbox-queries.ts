import { useQuery, type QueryClient } from "@tanstack/react-query";
import type { Inbox } from "../../common/api/interactions.ts";
import { fetchInbox, fetchInboxCounters, inboxQueryKeys } from "../api/inbox.api.ts";
import { useOwnModules } from "./use-own-modules.ts";

/** The agent's pending offers and open interactions; read only while the Inbox module is on for them. */
export function useInbox() {
  const modules = useOwnModules();
  return useQuery({ queryKey: inboxQueryKeys.inbox, queryFn: fetchInbox, enabled: modules?.inbox === true, staleTime: Infinity });
}

export function useInboxCounters() {
  const modules = useOwnModules();
  return useQuery({ queryKey: inboxQueryKeys.counters, queryFn: fetchInboxCounters, enabled: modules?.inbox === true, staleTime: Infinity });
}

// Applies a change to the cached inbox. A read in flight may have started before the change, so it is started
// again rather than allowed to overwrite it.
export function updateInbox(queryClient: QueryClient, update: (inbox: Inbox) => Inbox): void {
  const before = queryClient.getQueryData<Inbox>(inboxQueryKeys.inbox);
  if (before !== undefined) {
    queryClient.setQueryData(inboxQueryKeys.inbox, update(before));
  }
  if (before === undefined || queryClient.isFetching({ queryKey: inboxQueryKeys.inbox }) > 0) {
    void queryClient.invalidateQueries({ queryKey: inboxQueryKeys.inbox });
  }
}

export function refreshCounters(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: inboxQueryKeys.counters });
}
