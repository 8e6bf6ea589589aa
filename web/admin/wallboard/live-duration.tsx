import { secondsFrom, secondsSince } from "./board-clock.ts";
import { useTickingClock } from "./use-ticking-clock.ts";
import { formatDuration } from "./wallboard-format.ts";

/** A wait that ticks up every second from the server's figure of `seconds`, read at `receivedAt`. */
export function WaitDuration({ seconds, receivedAt }: { seconds: number; receivedAt: number }) {
  const now = useTickingClock();
  return <span className="wallboard-number">{formatDuration(secondsFrom(seconds, receivedAt, now))}</span>;
}

/** The time since `since` (server time), ticking every second. */
export function SinceDuration({ since, serverOffset }: { since: string; serverOffset: number }) {
  const now = useTickingClock();
  return (
    <time className="wallboard-number" dateTime={since}>
      {formatDuration(secondsSince(since, serverOffset, now))}
    </time>
  );
}
