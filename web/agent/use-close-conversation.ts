import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Interaction } from "../../common/api/interactions.ts";
import { closeInteraction } from "../api/inbox.api.ts";
import { useDesktopState } from "./desktop-state.ts";
import { withInteraction } from "./inbox-cache.ts";
import { refreshCounters, updateInbox } from "./inbox-queries.ts";

/** Closes the agent's conversation: its draft goes, its tab leaves, and its own events are not announced as news. */
export function useCloseConversation(interaction: Interaction, onClosed: () => void) {
  const queryClient = useQueryClient();
  const desktop = useDesktopState();
  return useMutation({
    mutationFn: () => closeInteraction(interaction.id),
    onMutate: () => ({ end: desktop.beginOwnAction(interaction.id) }),
    onSuccess: (closed) => {
      onClosed();
      desktop.saveDraft(interaction.id, "");
      desktop.selectInteraction(null);
      updateInbox(queryClient, (inbox) => withInteraction(inbox, closed));
      refreshCounters(queryClient);
    },
    onSettled: (_data, _error, _variables, context) => context?.end(),
  });
}
