import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { MarkMomentRequest } from "../../../common/api/moments.ts";
import { markMoment } from "../../api/moments.api.ts";
import { rememberMoment } from "./moments-cache.ts";

/** Dismiss a moment or mark it helpful; the answer (and the event in the agent's other tabs) updates the lists. */
export function useMarkMoment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ momentId, marks }: { momentId: string; marks: MarkMomentRequest }) => markMoment(momentId, marks),
    onSuccess: (moment) => rememberMoment(queryClient, moment),
  });
}
