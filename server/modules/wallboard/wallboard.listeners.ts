import type { EventName } from "../../../common/events/catalogue.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import { adminRoom, roleRoom } from "../../realtime/rooms.ts";

/** At most one hint per process in this window: a burst of routing events becomes one re-read per page. */
export const WALLBOARD_HINT_INTERVAL_MS = 500;

// What can change a figure on the board: offers, interactions and queues, presence, channel settings, and
// who is on it (agents, memberships, custom status names, capacities).
const PREFIXES = ["offer.", "interaction.", "queue."];
const NAMES: ReadonlySet<EventName> = new Set<EventName>([
  "presence.changed",
  "agent.channels_changed",
  "custom_statuses.changed",
  "channel_settings.updated",
  "account_settings.updated",
  "agent.memberships_changed",
  "agent.created",
  "agent.updated",
  "agent.deleted",
]);

export function changesWallboard(name: EventName): boolean {
  return NAMES.has(name) || PREFIXES.some((prefix) => name.startsWith(prefix));
}

export interface WallboardListenerOptions {
  intervalMilliseconds?: number;
  now?: () => number;
}

/**
 * Publishes `wallboard.changed` (no data: each page re-reads what its viewer may see) to admins and
 * supervisors after an event that can change the board: the first at once, then at most one per interval,
 * the last of a burst always sent. A hint is no state: a lost one is made good by the page's re-read on
 * reconnect, so an in-memory timer is enough here.
 */
export function registerWallboardListeners(events: EventBus, options: WallboardListenerOptions = {}): () => void {
  const interval = options.intervalMilliseconds ?? WALLBOARD_HINT_INTERVAL_MS;
  const now = options.now ?? Date.now;
  let lastSent = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;

  const send = () => {
    timer = undefined;
    lastSent = now();
    events.publish("wallboard.changed", {}, { rooms: [adminRoom(), roleRoom("supervisor")] });
  };
  const unsubscribe = events.subscribe((event) => {
    if (timer !== undefined || !changesWallboard(event.name)) {
      return;
    }
    // Clamped to the interval: a clock set back cannot hold the hints for longer.
    const wait = Math.min(interval, Math.max(0, lastSent + interval - now()));
    timer = setTimeout(send, wait);
    timer.unref();
  });
  return () => {
    unsubscribe();
    clearTimeout(timer);
    timer = undefined;
  };
}
