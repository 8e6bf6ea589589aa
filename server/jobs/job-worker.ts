import type { Logger } from "pino";
import type { Db } from "../db/database.ts";
import { claimDueJobs, failJob, finishJob, type ClaimedJob } from "./jobs.repository.ts";

export type JobHandler = (payload: Record<string, unknown>) => Promise<void>;

export interface JobKindOptions {
  /** Called once when the job's last attempt failed and it is given up (e.g. to mark a message failed). */
  onGiveUp?: (payload: Record<string, unknown>, lastError: string) => Promise<void>;
}

export interface JobWorkerOptions {
  pollMilliseconds?: number;
  batchSize?: number;
  leaseSeconds?: number;
}

/**
 * Delivers durable jobs (server/jobs): polls the `jobs` table, claims due rows with SKIP LOCKED, runs each
 * kind's handler outside any transaction, and finishes or reschedules the row. Every process runs one; the
 * database decides who gets which job, so several processes behave as one and a restart loses nothing.
 */
export class JobWorker {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly kindOptions = new Map<string, JobKindOptions>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private rerun = false;
  private stopped = true;
  private readonly pollMilliseconds: number;
  private readonly batchSize: number;
  private readonly leaseSeconds: number;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    options: JobWorkerOptions = {},
  ) {
    this.pollMilliseconds = options.pollMilliseconds ?? 1_000;
    this.batchSize = options.batchSize ?? 10;
    this.leaseSeconds = options.leaseSeconds ?? 120;
  }

  register(kind: string, handler: JobHandler, options: JobKindOptions = {}): void {
    this.handlers.set(kind, handler);
    this.kindOptions.set(kind, options);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Runs due jobs soon: called after a transaction that enqueued one, so delivery does not wait for the poll. */
  wake(): void {
    if (this.stopped) {
      return;
    }
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Claims and runs every due job once; answers how many ran. */
  async runDue(): Promise<number> {
    let ran = 0;
    for (;;) {
      const jobs = await claimDueJobs(this.db, this.batchSize, this.leaseSeconds);
      for (const job of jobs) {
        await this.run(job);
      }
      ran += jobs.length;
      if (jobs.length < this.batchSize) {
        return ran;
      }
    }
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), delay);
    this.timer.unref();
  }

  private tick(): void {
    this.running = this.runDue()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error({ err: error }, "job worker could not claim jobs"))
      .finally(() => {
        this.running = undefined;
        if (!this.stopped) {
          this.schedule(this.rerun ? 0 : this.pollMilliseconds);
          this.rerun = false;
        }
      });
  }

  private async run(job: ClaimedJob): Promise<void> {
    const handler = this.handlers.get(job.kind);
    try {
      if (!handler) {
        throw new Error(`no handler for job kind ${job.kind}`);
      }
      await handler(job.payload);
      await finishJob(this.db, job.id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn({ jobId: job.id, kind: job.kind, attempt: job.attempts, error: message }, "job failed; it will be retried");
      await failJob(this.db, job, message, retryDelaySeconds(job.attempts));
      if (job.attempts >= job.maxAttempts) {
        await this.giveUp(job, message);
      }
    }
  }

  private async giveUp(job: ClaimedJob, lastError: string): Promise<void> {
    this.logger.error({ jobId: job.id, kind: job.kind, attempts: job.attempts, error: lastError }, "job given up after its last attempt");
    try {
      await this.kindOptions.get(job.kind)?.onGiveUp?.(job.payload, lastError);
    } catch (error) {
      this.logger.error({ err: error, jobId: job.id, kind: job.kind }, "job give-up callback failed");
    }
  }
}

// 10 s, 20 s, 40 s … up to an hour between attempts.
function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 10 * 2 ** (attempts - 1));
}
