/**
 * The server's figures are of the moment `generatedAt` (the database's clock); the page received them at
 * `receivedAt` (the browser's clock). Durations tick on from there, so a browser whose clock is off still
 * shows the server's numbers.
 */

/** How far the server's clock is ahead of the browser's, to the second (stable across re-reads). */
export function serverOffsetOf(generatedAt: string, receivedAt: number): number {
  return Math.round((Date.parse(generatedAt) - receivedAt) / 1000) * 1000;
}

/** A figure of `seconds` when read at `receivedAt`, grown by the time passed since, by the browser's clock `now`. */
export function secondsFrom(seconds: number, receivedAt: number, now: number): number {
  return seconds + Math.max(0, (now - receivedAt) / 1000);
}

/** Seconds from `since` (an ISO time on the server's clock) to the browser's `now`. */
export function secondsSince(since: string, serverOffset: number, now: number): number {
  return Math.max(0, (now + serverOffset - Date.parse(since)) / 1000);
}
