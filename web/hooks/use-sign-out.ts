import { useMutation, useQueryClient } from "@tanstack/react-query";
import { signOut } from "../api/auth.api.ts";
import { endSession } from "../session/end-session.ts";

// Signing out always ends the session in the page, even when the server call fails (the session may
// already be gone); the session guard then shows the sign-in page.
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSettled: () => {
      endSession(queryClient);
    },
  });
}
