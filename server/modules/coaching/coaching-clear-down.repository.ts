import { sql, type RawBuilder } from "kysely";
import type { Executor, Tx } from "../../db/database.ts";

// The overnight clear-down's schedule (migration 20261121210000): one row with the local time, the account's time
// zone and the next run. Occurrences are computed by the database in that time zone, so daylight-saving changes
// are the database's tz rules, the same on PostgreSQL and PGlite.

export interface ClearDownScheduleRow {
  timeZone: string;
  /** `HH:MM:SS` */
  localTime: string;
  nextRunAt: Date;
  lastRunAt: Date | null;
}

/** The occurrence of `local_time` on local day `day` (a date expression) in the row's time zone. */
const occurrenceOn = (day: RawBuilder<unknown>) => sql`((${day}) + coaching_clear_down.local_time) at time zone coaching_clear_down.time_zone`;
const localDay = (at: Date) => sql`(${at}::timestamptz at time zone coaching_clear_down.time_zone)::date`;

/** The first occurrence strictly after `at`. */
function nextAfter(at: Date): RawBuilder<Date> {
  const today = occurrenceOn(localDay(at));
  return sql<Date>`case when ${today} > ${at}::timestamptz then ${today} else ${occurrenceOn(sql`${localDay(at)} + 1`)} end`;
}

/** The last occurrence at or before `at`: after downtime, one run covers every night missed. */
function lastAtOrBefore(at: Date): RawBuilder<Date> {
  const today = occurrenceOn(localDay(at));
  return sql<Date>`case when ${today} <= ${at}::timestamptz then ${today} else ${occurrenceOn(sql`${localDay(at)} - 1`)} end`;
}

export async function findSchedule(executor: Executor): Promise<ClearDownScheduleRow> {
  return executor.selectFrom("coachingClearDown").select(["timeZone", sql<string>`local_time::text`.as("localTime"), "nextRunAt", "lastRunAt"]).executeTakeFirstOrThrow();
}

export async function timeZoneExists(executor: Executor, timeZone: string): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`select exists (select 1 from pg_timezone_names where name = ${timeZone}) as found`.execute(executor);
  return rows[0]?.found === true;
}

/** New settings, and the next run recomputed from them. */
export async function updateSchedule(executor: Executor, settings: { timeZone: string; localTime: string }, at: Date): Promise<ClearDownScheduleRow> {
  await executor
    .updateTable("coachingClearDown")
    .set({ timeZone: settings.timeZone, localTime: settings.localTime, updatedAt: at })
    .execute();
  await executor.updateTable("coachingClearDown").set({ nextRunAt: nextAfter(at) }).execute();
  return findSchedule(executor);
}

/**
 * Claims the schedule when its run is due: `FOR UPDATE SKIP LOCKED`, so of several processes looking at once
 * one gets the row and the others go on at once; after it commits, the next run is in the future and they find
 * nothing due. Answers the cutoff (the last occurrence at or before `at`) and the next run, or undefined.
 */
export async function claimDueRun(transaction: Tx, at: Date): Promise<{ cutoff: Date; nextRunAt: Date } | undefined> {
  return transaction
    .selectFrom("coachingClearDown")
    .select([lastAtOrBefore(at).as("cutoff"), nextAfter(at).as("nextRunAt")])
    .where("nextRunAt", "<=", at)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

export async function recordRun(transaction: Tx, run: { at: Date; cutoff: Date; nextRunAt: Date }): Promise<void> {
  await transaction.updateTable("coachingClearDown").set({ nextRunAt: run.nextRunAt, lastRunAt: run.at, lastCutoff: run.cutoff }).execute();
}

/** Removes from the agents' view every copy of a message sent before the cutoff; the log keeps them. */
export async function clearCopiesBefore(transaction: Tx, cutoff: Date, at: Date): Promise<number> {
  const result = await transaction
    .updateTable("coachingRecipients")
    .set({ clearedAt: at })
    .where("clearedAt", "is", null)
    .where("createdAt", "<", cutoff)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
