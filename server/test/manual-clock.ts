import type { Clock } from "../lib/clock.ts";

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  private current: Date;

  constructor(start = new Date()) {
    this.current = start;
  }

  now(): Date {
    return new Date(this.current);
  }

  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}
