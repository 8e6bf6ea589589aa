import type { PresenceStatus } from "./presence.ts";

/**
 * product.md, Coaching messages: "a toast when online; an agent offline or on a break gets every missed message
 * at next login". Online means the desktop holds a live connection in a working status: ready, on a call, or a
 * custom status that does not pause routing. A custom status that pauses routing (Break, Lunch…) is a break.
 * The send's SQL (server/modules/coaching/coaching-recipients.repository.ts) applies the same rule.
 */
export function receivesCoachingLive(presence: { status: PresenceStatus; connected: boolean; customStatusPausesRouting: boolean | null }): boolean {
  if (!presence.connected) {
    return false;
  }
  if (presence.status === "ready" || presence.status === "on-call") {
    return true;
  }
  return presence.status === "custom" && presence.customStatusPausesRouting === false;
}

/** Whether a string is a time zone this runtime knows (IANA names such as `Europe/Paris`, and `UTC`). */
export function isKnownTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === "" || timeZone.length > 64) {
    return false;
  }
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}
