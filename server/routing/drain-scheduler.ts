/**
 * Coalesces routing requests in one process: requests that arrive while a drain runs are merged and served by
 * the next drain, so a burst of closes or status changes costs a few drains, not one each. Correctness does not
 * depend on it (every routing step is its own locked transaction); it only saves work.
 */
export class DrainScheduler {
  private readonly pendingQueues = new Set<string>();
  private pendingAll = false;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly drain: (queueIds: readonly string[] | "all") => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  request(queueIds: readonly string[] | "all"): void {
    if (this.stopped) {
      return;
    }
    if (queueIds === "all") {
      this.pendingAll = true;
    } else {
      for (const queueId of queueIds) {
        this.pendingQueues.add(queueId);
      }
    }
    this.running ??= this.loop().finally(() => {
      this.running = undefined;
    });
  }

  /** Resolves once every request made so far has been served (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) {
      await this.running;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }

  private async loop(): Promise<void> {
    // Let the requests of the current tick gather before draining.
    await Promise.resolve();
    while (this.pendingAll || this.pendingQueues.size > 0) {
      const target: readonly string[] | "all" = this.pendingAll ? "all" : [...this.pendingQueues];
      this.pendingAll = false;
      this.pendingQueues.clear();
      try {
        await this.drain(target);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
