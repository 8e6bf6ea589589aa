import { useEffect, useState } from "react";

/** The current time in milliseconds, renewed every `intervalMilliseconds` while `active`. */
export function useNow(intervalMilliseconds: number, active = true): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!active) {
      return undefined;
    }
    const timer = setInterval(() => setNow(Date.now()), intervalMilliseconds);
    return () => clearInterval(timer);
  }, [intervalMilliseconds, active]);
  return now;
}
