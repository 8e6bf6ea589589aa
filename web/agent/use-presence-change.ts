import { useMutation, useQueryClient } from "@tanstack/react-query";
import { isApiError } from "../api/api-error.ts";
import { presenceQueryKeys } from "../api/presence.api.ts";
import { useDesktopState } from "./desktop-state.ts";
import { refreshCounters } from "./inbox-queries.ts";

/**
 * A change of the agent's own presence (status, pause). The presence is read again once it is saved (the
 * server's presence.changed brings the same); a refusal is told in the alerts region, keeping the header still.
 */
export function usePresenceChange<Variables>(change: (variables: Variables) => Promise<void>, failure: string) {
  const queryClient = useQueryClient();
  const desktop = useDesktopState();
  return useMutation({
    mutationFn: change,
    // Awaited, so the control shows the chosen value until the presence read back says the same.
    onSuccess: async () => {
      refreshCounters(queryClient);
      await queryClient.invalidateQueries({ queryKey: presenceQueryKeys.own });
    },
    onError: (error) => {
      desktop.notify(`${failure}: ${isApiError(error) ? error.message : "try again"}`);
    },
  });
}
