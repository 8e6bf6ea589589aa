import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Presence } from "../../common/api/presence.ts";
import { isApiError } from "../api/api-error.ts";
import { presenceQueryKeys } from "../api/presence.api.ts";
import { useDesktopState } from "./desktop-state.ts";
import { refreshCounters } from "./inbox-queries.ts";

/**
 * A change of the agent's own presence (status, pause): the answer is the new presence (presence.changed brings
 * the same). A refusal is told in the alerts region, keeping the header still.
 */
export function usePresenceChange<Variables>(change: (variables: Variables) => Promise<Presence>, failure: string) {
  const queryClient = useQueryClient();
  const desktop = useDesktopState();
  return useMutation({
    mutationFn: change,
    onSuccess: (presence) => {
      queryClient.setQueryData(presenceQueryKeys.own, presence);
      refreshCounters(queryClient);
    },
    onError: (error) => {
      desktop.notify(`${failure}: ${isApiError(error) ? error.message : "try again"}`);
    },
  });
}
