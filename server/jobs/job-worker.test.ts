import { sql } from "kysely";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/database.ts";
import { createTestDatabase, testDatabaseKind } from "../test/test-database.ts";
import { JobWorker } from "./job-worker.ts";
import { claimDueJobs, enqueueJob } from "./jobs.repository.ts";

const silent = pino({ level: "silent" });

describe(`durable jobs on ${testDatabaseKind()}`, () => {
  let database: DatabaseHandle;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  beforeEach(async () => {
    await database.db.deleteFrom("jobs").execute();
  });
  afterAll(async () => {
    await database.close();
  });

  const jobRow = (kind: string) => database.db.selectFrom("jobs").selectAll().where("kind", "=", kind).executeTakeFirstOrThrow();

  it("runs a committed job once with its payload and marks it finished", async () => {
    const received: unknown[] = [];
    const worker = new JobWorker(database.db, silent);
    worker.register("greet", async (payload) => {
      received.push(payload);
    });
    await database.db.transaction().execute((transaction) => enqueueJob(transaction, { kind: "greet", payload: { name: "Ada" } }));

    expect(await worker.runDue()).toBe(1);
    expect(await worker.runDue()).toBe(0);
    expect(received).toEqual([{ name: "Ada" }]);
    expect((await jobRow("greet")).finishedAt).not.toBeNull();
  });

  it("writes nothing when the transaction that enqueued it rolls back", async () => {
    await expect(
      database.db.transaction().execute(async (transaction) => {
        await enqueueJob(transaction, { kind: "lost", payload: {} });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await database.db.selectFrom("jobs").selectAll().execute()).toEqual([]);
  });

  it("retries a failing job later, then gives up after its last attempt", async () => {
    let calls = 0;
    const worker = new JobWorker(database.db, silent);
    worker.register("flaky", async () => {
      calls += 1;
      throw new Error(`attempt ${calls} failed`);
    });
    await enqueueJob(database.db, { kind: "flaky", payload: {} });
    await sql`update jobs set max_attempts = 2`.execute(database.db);

    await worker.runDue();
    const afterFirst = await jobRow("flaky");
    expect(afterFirst).toMatchObject({ attempts: 1, lastError: "attempt 1 failed", failedAt: null, finishedAt: null });
    expect(afterFirst.dueAt.getTime()).toBeGreaterThan(Date.now() + 5_000);
    expect(await worker.runDue()).toBe(0);

    await sql`update jobs set due_at = now()`.execute(database.db);
    await worker.runDue();
    const afterSecond = await jobRow("flaky");
    expect(afterSecond).toMatchObject({ attempts: 2, lastError: "attempt 2 failed", finishedAt: null });
    expect(afterSecond.failedAt).not.toBeNull();
    await sql`update jobs set due_at = now()`.execute(database.db);
    expect(await worker.runDue()).toBe(0);
    expect(calls).toBe(2);
  });

  it("calls the kind's give-up callback once, after the last attempt only", async () => {
    const givenUp: unknown[] = [];
    const worker = new JobWorker(database.db, silent);
    worker.register(
      "doomed",
      async () => {
        throw new Error("receiver down");
      },
      {
        onGiveUp: async (payload, lastError) => {
          givenUp.push({ payload, lastError });
        },
      },
    );
    await enqueueJob(database.db, { kind: "doomed", payload: { messageId: "m1" } });
    await sql`update jobs set max_attempts = 2`.execute(database.db);

    await worker.runDue();
    expect(givenUp).toEqual([]);
    await sql`update jobs set due_at = now()`.execute(database.db);
    await worker.runDue();
    expect(givenUp).toEqual([{ payload: { messageId: "m1" }, lastError: "receiver down" }]);
    await sql`update jobs set due_at = now()`.execute(database.db);
    expect(await worker.runDue()).toBe(0);
    expect(givenUp).toHaveLength(1);
  });

  it("gives each job to exactly one of several workers", async () => {
    for (let index = 0; index < 40; index += 1) {
      await enqueueJob(database.db, { kind: "count", payload: { index } });
    }
    const handled: number[] = [];
    const workers = Array.from({ length: 3 }, () => {
      const worker = new JobWorker(database.db, silent, { batchSize: 4 });
      worker.register("count", async (payload) => {
        handled.push(Number(payload.index));
        await new Promise((resolve) => setTimeout(resolve, 1));
      });
      return worker;
    });
    await Promise.all(workers.map((worker) => worker.runDue()));
    expect(handled.sort((left, right) => left - right)).toEqual(Array.from({ length: 40 }, (_, index) => index));
  });

  it("hands a job back when the worker that claimed it died before finishing", async () => {
    await enqueueJob(database.db, { kind: "orphan", payload: {} });
    expect(await claimDueJobs(database.db, 10, 60)).toHaveLength(1);
    expect(await claimDueJobs(database.db, 10, 60)).toHaveLength(0);

    await sql`update jobs set locked_until = now() - interval '1 second'`.execute(database.db);
    const worker = new JobWorker(database.db, silent);
    const done: string[] = [];
    worker.register("orphan", async () => {
      done.push("orphan");
    });
    expect(await worker.runDue()).toBe(1);
    expect(done).toEqual(["orphan"]);
  });

  it("delivers soon after a wake-up once started, and stops cleanly", async () => {
    const worker = new JobWorker(database.db, silent, { pollMilliseconds: 60_000 });
    const delivered = new Promise<void>((resolve) => {
      worker.register("wake", async () => resolve());
    });
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await enqueueJob(database.db, { kind: "wake", payload: {} });
    worker.wake();
    await delivered;
    await worker.stop();
  });
});
