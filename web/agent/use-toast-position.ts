import type { ToastPosition } from "../../common/domain/agent-record.ts";
import { useCurrentUser } from "../hooks/use-session.ts";

// product.md, The agent record: toast position, default top-right.
export const DEFAULT_TOAST_POSITION: ToastPosition = "top-right";

/** Where the agent's alerts appear: their own setting, carried by their session (GET /api/v1/auth/me). */
export function useToastPosition(): ToastPosition {
  return useCurrentUser().toastPosition ?? DEFAULT_TOAST_POSITION;
}
