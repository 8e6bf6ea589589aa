import { sql, type Kysely } from "kysely";

// Coaching messages (issue 6, product.md "Coaching messages", seed 001).
//
// coaching_messages is the permanent log: one row per message sent, with its sender and the group used, kept
// after the overnight clear-down. Names are copied at send time so the log still reads when the sender, an agent
// or the group is later renamed or deleted (ids then become null or point nowhere; there is no foreign key on
// the group, which may be any of four tables).
//
// coaching_recipients holds each agent's own copy, written in one statement before anything is pushed:
// delivered_at (pushed to a live desktop, or caught up at the next sign-in or return to a working status),
// read_at, and cleared_at (the overnight clear-down removed it from the agent's view; the row stays for the log).
//
// coaching_clear_down is the clear-down's schedule: one row, claimed with FOR UPDATE SKIP LOCKED by whichever
// server process looks first once next_run_at has passed, so it runs once across processes and catches up
// after downtime. Its local time and time zone are the coaching settings.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table coaching_messages (
      id uuid primary key default gen_random_uuid(),
      sender_id uuid references users (id) on delete set null,
      sender_name text not null,
      sender_username text not null,
      body text not null check (length(body) between 1 and 10000),
      target_kind text not null check (target_kind in ('agent', 'team', 'queue', 'campaign', 'list')),
      target_id uuid,
      target_name text not null,
      filters jsonb not null default '{}'::jsonb,
      recipient_count integer not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index coaching_messages_created_at_idx on coaching_messages (created_at desc, id desc)`.execute(db);
  await sql`create index coaching_messages_sender_id_idx on coaching_messages (sender_id)`.execute(db);

  await sql`
    create table coaching_recipients (
      id bigint generated always as identity primary key,
      message_id uuid not null references coaching_messages (id) on delete cascade,
      agent_id uuid references users (id) on delete set null,
      agent_name text not null,
      agent_username text not null,
      created_at timestamptz not null,
      delivered_at timestamptz,
      read_at timestamptz,
      cleared_at timestamptz
    )`.execute(db);
  // One copy per agent and message; also how an agent's "mark read" finds their copy.
  await sql`create unique index coaching_recipients_message_agent_key on coaching_recipients (message_id, agent_id)`.execute(db);
  // The agent's day (and the foreign key's on delete set null).
  await sql`create index coaching_recipients_agent_idx on coaching_recipients (agent_id, created_at)`.execute(db);
  // The clear-down's work: copies still in someone's view.
  await sql`create index coaching_recipients_uncleared_idx on coaching_recipients (created_at) where cleared_at is null`.execute(db);

  await sql`
    create table coaching_clear_down (
      id boolean primary key default true check (id),
      time_zone text not null default 'UTC',
      local_time time not null default '03:00',
      next_run_at timestamptz not null,
      last_run_at timestamptz,
      last_cutoff timestamptz,
      updated_at timestamptz not null default now()
    )`.execute(db);
  // The next 03:00 UTC after now.
  await sql`
    insert into coaching_clear_down (next_run_at)
    select case when today > now() then today else today + interval '1 day' end
      from (select (date_trunc('day', now() at time zone 'UTC') + time '03:00') at time zone 'UTC' as today) as occurrence`.execute(db);
}
