import { z } from "zod";

// product.md, Presence: offline, ready, on-call, and custom statuses an admin defines, each saying whether it
// pauses routing. "custom" carries the custom status's id.
export const PRESENCE_STATUSES = ["offline", "ready", "on-call", "custom"] as const;
export const presenceStatusSchema = z.enum(PRESENCE_STATUSES, `status: one of ${PRESENCE_STATUSES.join(", ")}`);
export type PresenceStatus = z.infer<typeof presenceStatusSchema>;

/** Statuses an agent picks in the desktop; on-call is set by the telephony events, offline by signing out. */
export const SELECTABLE_STATUSES = ["ready", "custom"] as const;

/**
 * Whether an agent in this status may be offered a new interaction. product.md, Presence: a new conversation
 * only in `ready` or a custom status that does not pause routing, never while `on-call` or offline.
 */
export function statusAllowsNewWork(status: PresenceStatus, customStatusPausesRouting: boolean | null): boolean {
  if (status === "ready") {
    return true;
  }
  if (status === "custom") {
    return customStatusPausesRouting === false;
  }
  return false;
}
