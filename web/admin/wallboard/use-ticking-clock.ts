import { useSyncExternalStore } from "react";

// One timer for the whole page, however many durations tick on it: each subscriber re-renders on its own,
// so a board of 2,000 agents does not re-render the table every second.
const TICK_MILLISECONDS = 1000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const notify of listeners) {
        notify();
      }
    }, TICK_MILLISECONDS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

function snapshot(): number {
  return now;
}

/** The browser's time in milliseconds, renewed every second while any component shows it. */
export function useTickingClock(): number {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
