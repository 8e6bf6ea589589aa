import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { isApiError } from "../../api/api-error.ts";
import { groupQueryKeys } from "../../api/groups.api.ts";

interface MembershipAction<Result> {
  perform: () => Promise<Result>;
  /** Read by screen readers once the change is saved. */
  done: string | ((result: Result) => string);
}

// Every change of the agent's memberships is saved at once, shown, then announced, and refreshes the rest.
export function useMembershipAction(agentId: string) {
  const queryClient = useQueryClient();
  const [announcement, setAnnouncement] = useState("");
  const mutation = useMutation({
    mutationFn: async (action: MembershipAction<unknown>) => {
      const result = await action.perform();
      return typeof action.done === "string" ? action.done : action.done(result);
    },
    onMutate: () => setAnnouncement(""),
    onSuccess: async (done) => {
      await queryClient.invalidateQueries({ queryKey: groupQueryKeys.memberships(agentId) });
      setAnnouncement(done);
      void queryClient.invalidateQueries({ queryKey: groupQueryKeys.all });
    },
  });
  return {
    run: <Result>(action: MembershipAction<Result>) => {
      if (!mutation.isPending) {
        mutation.mutate(action as MembershipAction<unknown>);
      }
    },
    busy: mutation.isPending,
    announcement,
    error: isApiError(mutation.error) ? mutation.error.message : null,
  };
}

export type MembershipActions = ReturnType<typeof useMembershipAction>;
