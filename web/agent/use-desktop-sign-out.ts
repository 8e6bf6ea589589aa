import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { z } from "zod";
import type { OpenInteractionDisposition } from "../../common/api/interactions.ts";
import { isApiError } from "../api/api-error.ts";
import { signOut } from "../api/auth.api.ts";
import { signOutOfDesktop } from "../api/presence.api.ts";
import { endSession } from "../session/end-session.ts";

const openInteractionsDetailsSchema = z.object({ count: z.int() });

/**
 * The desktop's Sign out: the agent goes offline and the session ends. Holding open conversations, the server
 * answers 409 `open_interactions` and the agent chooses what happens to them (product.md, Presence). Any other
 * failure still ends the session in the page, like the console's Sign out.
 */
export function useDesktopSignOut() {
  const queryClient = useQueryClient();
  const [openCount, setOpenCount] = useState<number | null>(null);
  const mutation = useMutation({
    mutationFn: (choice: OpenInteractionDisposition | undefined) => signOutOfDesktop(choice),
    onSuccess: () => {
      setOpenCount(null);
      endSession(queryClient);
    },
    onError: async (error) => {
      if (isApiError(error) && error.code === "open_interactions") {
        const details = openInteractionsDetailsSchema.safeParse(error.details);
        setOpenCount(details.success ? details.data.count : 0);
        return;
      }
      await signOut().catch(() => undefined);
      endSession(queryClient);
    },
  });
  return {
    pending: mutation.isPending,
    /** The number of open conversations to decide about while the dialog is open; null otherwise. */
    openCount,
    start: () => {
      if (!mutation.isPending) {
        mutation.mutate(undefined);
      }
    },
    choose: (choice: OpenInteractionDisposition) => {
      if (!mutation.isPending) {
        mutation.mutate(choice);
      }
    },
    cancel: () => setOpenCount(null),
  };
}
