import type { FastifyBaseLogger } from "fastify";
import type { RoutingService } from "./routing.service.ts";

// Every few ticks the worker also drains every waiting queue: a backlog never waits for an event that was missed
// (another process's change, a restart).
const TICKS_PER_DRAIN = 4;

/**
 * Sweeps routing timers (offer timeout, queue timeout, auto-answer delay) that live as due times on database
 * rows. Every process runs one; each timer changes its row once under a row lock, so it fires once however many
 * processes run, and a restart loses none.
 */
export class RoutingWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private ticks = 0;

  constructor(
    private readonly routing: RoutingService,
    private readonly logger: FastifyBaseLogger,
    private readonly tickMilliseconds: number,
  ) {}

  start(): void {
    this.stopped = false;
    this.routing.routeAll();
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.routing.stop();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), this.tickMilliseconds);
    this.timer.unref();
  }

  private tick(): void {
    this.ticks += 1;
    if (this.ticks % TICKS_PER_DRAIN === 0) {
      this.routing.routeAll();
    }
    this.running = this.routing
      .runDueTimers()
      .catch((error: unknown) => this.logger.error({ err: error }, "routing timers failed"))
      .finally(() => {
        this.running = undefined;
        if (!this.stopped) {
          this.schedule();
        }
      });
  }
}
