import type { ToastPosition } from "../../common/domain/agent-record.ts";

// product.md, The agent record: toast position, default top-right.
export const DEFAULT_TOAST_POSITION: ToastPosition = "top-right";

/**
 * Where the agent's alerts appear. The signed-in user's record does not reach the page yet (GET /api/v1/auth/me
 * carries no toastPosition and the agent record is for managers only), so the product's default applies.
 */
export function useToastPosition(): ToastPosition {
  return DEFAULT_TOAST_POSITION;
}
