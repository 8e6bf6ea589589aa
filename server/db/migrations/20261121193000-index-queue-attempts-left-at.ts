import { sql, type Kysely } from "kysely";

// The wallboard counts each queue's attempts that ended today (issue 4, item 9) on every live update: an
// index on when an attempt left reads only today's rows however long the queue report grows.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index queue_attempts_left_at_idx on queue_attempts (left_at, queue_id) where left_at is not null`.execute(db);
}
