import type { QueryClient } from "@tanstack/react-query";
import { setCsrfToken } from "../api/csrf-token.ts";
import { queryKeys } from "../api/query-keys.ts";

// Forget everything the signed-in person could see, so the next person on this browser starts clean.
// Setting the session to null makes the session guard send the page to /login.
export function endSession(queryClient: QueryClient): void {
  setCsrfToken(null);
  void queryClient.cancelQueries({ queryKey: queryKeys.session });
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.session[0] });
  queryClient.setQueryData(queryKeys.session, null);
}
