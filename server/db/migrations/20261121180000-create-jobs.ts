import { sql, type Kysely } from "kysely";

// CONVENTIONS.md rule 4: a side effect that must not be lost (an e-mail, an SMS, a webhook) is a row here,
// written in the same transaction as the change that causes it, then delivered with retries.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table jobs (
      id uuid primary key default gen_random_uuid(),
      kind text not null,
      payload jsonb not null,
      due_at timestamptz not null default now(),
      attempts integer not null default 0,
      max_attempts integer not null default 8,
      locked_until timestamptz,
      last_error text,
      created_at timestamptz not null default now(),
      finished_at timestamptz,
      failed_at timestamptz
    )`.execute(db);
  await sql`create index jobs_due_at_idx on jobs (due_at) where finished_at is null and failed_at is null`.execute(db);
  await sql`create index jobs_kind_created_at_idx on jobs (kind, created_at)`.execute(db);
}
