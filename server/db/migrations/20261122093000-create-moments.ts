import { sql, type Kysely } from "kysely";

// Moments (issue 7, product.md "Moments", seed 000): phrase-match notifications with content.
//
// moment_notifications: a name, the trigger criteria (jsonb: any-of, all-of and exclusion phrases, "not mentioned
// within N seconds", speaker, channels, queues, frequency), whether the owning agent's supervisors also receive it.
// `personal` marks an agent's self-service notification: it reaches its owner alone. Targets are rows (teams,
// agents, excluded agents) so a deleted team or agent leaves no dangling id; content items are shared rows.
//
// moment_matcher_version: one row, bumped in the transaction of every change to a notification. Each server
// process compares it with the version its compiled matcher was built from before matching, so all processes
// match against the same notifications.
//
// moment_firings: every firing (notification, agent, interaction, phrase, offsets, time) with the agent's dismiss
// and helpful marks. Names are copied so reports still read after a rename or a deletion. A message matched twice
// (an event handled again) fires once: (notification, interaction, source) is unique.
//
// moment_conversation_states: per conversation and notification, the all-of phrases seen so far, whether an
// exclusion phrase was said, and the last firing (once per conversation, cool-down), written with one conditional
// upsert so two processes handling two messages of one conversation cannot both fire.
//
// moment_deadlines: "phrase not mentioned within N seconds": a due time per conversation and notification, written
// when the conversation is accepted, deleted when the phrase is said, swept with SKIP LOCKED by every process.
//
// moment_transcript_segments: speech-to-text segments posted by an integration, kept with the conversation.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table moment_contents (
      id uuid primary key default gen_random_uuid(),
      owner_id uuid references users (id) on delete set null,
      title text not null check (length(title) between 1 and 200),
      body_html text not null default '',
      links jsonb not null default '[]'::jsonb,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index moment_contents_owner_idx on moment_contents (owner_id)`.execute(db);

  await sql`
    create table moment_notifications (
      id uuid primary key default gen_random_uuid(),
      owner_id uuid references users (id) on delete set null,
      personal boolean not null default false,
      name text not null check (length(name) between 1 and 200),
      description text not null default '',
      enabled boolean not null default true,
      criteria jsonb not null,
      notify_supervisors boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index moment_notifications_owner_idx on moment_notifications (owner_id)`.execute(db);
  await sql`
    create table moment_notification_teams (
      notification_id uuid not null references moment_notifications (id) on delete cascade,
      team_id uuid not null references teams (id) on delete cascade,
      primary key (notification_id, team_id)
    )`.execute(db);
  await sql`
    create table moment_notification_agents (
      notification_id uuid not null references moment_notifications (id) on delete cascade,
      agent_id uuid not null references users (id) on delete cascade,
      excluded boolean not null default false,
      primary key (notification_id, agent_id)
    )`.execute(db);
  await sql`create index moment_notification_agents_agent_idx on moment_notification_agents (agent_id)`.execute(db);
  await sql`
    create table moment_notification_contents (
      notification_id uuid not null references moment_notifications (id) on delete cascade,
      content_id uuid not null references moment_contents (id) on delete cascade,
      position integer not null,
      primary key (notification_id, content_id)
    )`.execute(db);
  await sql`create index moment_notification_contents_content_idx on moment_notification_contents (content_id)`.execute(db);

  await sql`
    create table moment_matcher_version (
      id boolean primary key default true check (id),
      version bigint not null default 0
    )`.execute(db);
  await sql`insert into moment_matcher_version (version) values (0)`.execute(db);

  await sql`
    create table moment_transcript_segments (
      id uuid primary key default gen_random_uuid(),
      interaction_id uuid not null references interactions (id) on delete cascade,
      speaker text not null check (speaker in ('customer', 'agent')),
      body text not null,
      start_offset_ms integer,
      end_offset_ms integer,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index moment_transcript_segments_interaction_idx on moment_transcript_segments (interaction_id, created_at)`.execute(db);

  await sql`
    create table moment_firings (
      id uuid primary key default gen_random_uuid(),
      notification_id uuid references moment_notifications (id) on delete set null,
      notification_name text not null,
      agent_id uuid references users (id) on delete set null,
      agent_name text not null,
      interaction_id uuid references interactions (id) on delete set null,
      channel text not null,
      queue_id uuid,
      source text not null check (source in ('message', 'transcript', 'deadline')),
      -- The message or transcript segment that matched; null for a deadline.
      source_id uuid,
      speaker text check (speaker in ('customer', 'agent')),
      phrase text not null,
      matched_text text not null default '',
      match_start integer,
      match_end integer,
      fired_at timestamptz not null default now(),
      dismissed_at timestamptz,
      helpful boolean
    )`.execute(db);
  await sql`create unique index moment_firings_source_key on moment_firings (notification_id, interaction_id, source_id) where source_id is not null`.execute(db);
  await sql`create index moment_firings_fired_at_idx on moment_firings (fired_at)`.execute(db);
  await sql`create index moment_firings_agent_idx on moment_firings (agent_id, fired_at)`.execute(db);
  await sql`create index moment_firings_interaction_idx on moment_firings (interaction_id)`.execute(db);
  await sql`create index moment_firings_notification_idx on moment_firings (notification_id, fired_at)`.execute(db);

  await sql`
    create table moment_conversation_states (
      interaction_id uuid not null references interactions (id) on delete cascade,
      notification_id uuid not null references moment_notifications (id) on delete cascade,
      seen_all_of integer[] not null default '{}',
      excluded boolean not null default false,
      last_fired_at timestamptz,
      fired_count integer not null default 0,
      primary key (interaction_id, notification_id)
    )`.execute(db);
  await sql`create index moment_conversation_states_notification_idx on moment_conversation_states (notification_id)`.execute(db);

  await sql`
    create table moment_deadlines (
      interaction_id uuid not null references interactions (id) on delete cascade,
      notification_id uuid not null references moment_notifications (id) on delete cascade,
      agent_id uuid not null references users (id) on delete cascade,
      due_at timestamptz not null,
      primary key (interaction_id, notification_id)
    )`.execute(db);
  await sql`create index moment_deadlines_due_idx on moment_deadlines (due_at)`.execute(db);
  await sql`create index moment_deadlines_notification_idx on moment_deadlines (notification_id)`.execute(db);
}
