import type { QueryClient } from "@tanstack/react-query";
import type { Moment } from "../../../common/api/moments.ts";
import { momentsQueryKeys } from "../../api/moments.api.ts";

/** Adds or replaces a moment in its conversation's cached list (a list not loaded yet is read when shown). */
export function rememberMoment(queryClient: QueryClient, moment: Moment): void {
  if (moment.interactionId === null) {
    return;
  }
  queryClient.setQueryData<Moment[]>(momentsQueryKeys.forInteraction(moment.interactionId), (current) => {
    if (!current) {
      return current;
    }
    const others = current.filter((item) => item.id !== moment.id);
    return [...others, moment].sort((left, right) => left.firedAt.localeCompare(right.firedAt));
  });
}
