import { createContext, use } from "react";
import type { CoachingCopy } from "../../../common/api/coaching.ts";

/** A coaching toast: one message just delivered, or several missed ones together. */
export interface CoachingToast {
  id: number;
  title: string;
  body: string;
}

/** The desktop's coaching messages (product.md, Coaching messages): the day, the bell, the toasts, the dialog. */
export interface CoachingState {
  messages: readonly CoachingCopy[];
  unread: number;
  loaded: boolean;
  toasts: readonly CoachingToast[];
  dialogOpen: boolean;
  openDialog: () => void;
  closeDialog: () => void;
  dismissToast: (toastId: number) => void;
}

export const CoachingContext = createContext<CoachingState | null>(null);

/** Null when the coaching module is off for the agent. */
export function useCoaching(): CoachingState | null {
  return use(CoachingContext);
}
