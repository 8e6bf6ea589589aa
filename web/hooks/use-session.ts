import { useQuery } from "@tanstack/react-query";
import type { CurrentUser } from "../../common/api/auth.ts";
import { fetchSession } from "../api/auth.api.ts";
import { queryKeys } from "../api/query-keys.ts";

export function useSession() {
  return useQuery({ queryKey: queryKeys.session, queryFn: fetchSession, staleTime: 60_000 });
}

// For pages inside the session guard, where a signed-in user is certain.
export function useCurrentUser(): CurrentUser {
  const { data } = useSession();
  if (!data) {
    throw new Error("useCurrentUser is only available inside RequireSession");
  }
  return data.user;
}
