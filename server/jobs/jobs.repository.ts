import { sql } from "kysely";
import type { Executor } from "../db/database.ts";

export interface NewJob {
  kind: string;
  payload: Record<string, unknown>;
  dueAt?: Date;
}

export interface ClaimedJob {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
}

/** Call inside the transaction of the change that causes the job: both commit, or neither. */
export async function enqueueJob(executor: Executor, job: NewJob): Promise<void> {
  await executor
    .insertInto("jobs")
    .values({ kind: job.kind, payload: JSON.stringify(job.payload), ...(job.dueAt ? { dueAt: job.dueAt } : {}) })
    .execute();
}

/**
 * Claims due jobs in one statement: SKIP LOCKED hands each to one worker, whatever the number of processes, and
 * the lease (`locked_until`) gives a job back if its worker dies before finishing it.
 */
export async function claimDueJobs(executor: Executor, limit: number, leaseSeconds: number): Promise<ClaimedJob[]> {
  const result = await sql<ClaimedJob>`
    update jobs
       set attempts = attempts + 1, locked_until = now() + make_interval(secs => ${leaseSeconds})
     where id in (
       select id from jobs
        where finished_at is null and failed_at is null and due_at <= now()
          and (locked_until is null or locked_until < now())
        order by due_at
        limit ${limit}
        for update skip locked)
    returning id, kind, payload, attempts, max_attempts as "maxAttempts"`.execute(executor);
  return result.rows;
}

export async function finishJob(executor: Executor, jobId: string): Promise<void> {
  await executor.updateTable("jobs").set({ finishedAt: sql<string>`now()`, lockedUntil: null }).where("id", "=", jobId).execute();
}

/** Tries again later, backing off; gives up after the job's last attempt. */
export async function failJob(executor: Executor, job: ClaimedJob, error: string, retryInSeconds: number): Promise<void> {
  const givingUp = job.attempts >= job.maxAttempts;
  await executor
    .updateTable("jobs")
    .set({
      lastError: error.slice(0, 2000),
      lockedUntil: null,
      ...(givingUp ? { failedAt: sql<string>`now()` } : { dueAt: sql<string>`now() + make_interval(secs => ${retryInSeconds})` }),
    })
    .where("id", "=", job.id)
    .execute();
}

/** Jobs of a kind created in the last minutes (database time) whose payload names this value: per-person limits. */
export async function countRecentJobs(executor: Executor, kind: string, payloadKey: string, payloadValue: string, withinMinutes: number): Promise<number> {
  const row = await executor
    .selectFrom("jobs")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("kind", "=", kind)
    .where("createdAt", ">", sql<Date>`now() - make_interval(mins => ${withinMinutes})`)
    .where(sql<string>`payload ->> ${payloadKey}`, "=", payloadValue)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
