import { sql, type Kysely } from "kysely";

// Staff administration (issue 3): the agent record on `users`, teams, queues, campaigns, lists and their
// members, per-agent channel settings, avatars, client logs, password resets and the audit log.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table users
      add column alias text,
      add column description text,
      add column extension text,
      add column typology text check (typology in ('webrtc', 'phonebar', 'external', 'mobile')),
      add column typology_settings jsonb not null default '{}',
      add column voice_settings jsonb not null default '{}',
      add column login_in_pause boolean not null default false,
      add column mask_sensitive_data boolean not null default false,
      add column toast_position text not null default 'top-right',
      add column permissions jsonb not null default '{}',
      add column client_logs_enabled boolean not null default false,
      add column client_log_level text not null default 'error' check (client_log_level in ('error', 'warning', 'info', 'debug')),
      add column licence_moments boolean not null default false,
      add column licence_administration boolean not null default false,
      add column mfa_secret text,
      add column mfa_enabled_at timestamptz`.execute(db);
  await sql`create unique index users_extension_key on users (extension) where extension is not null`.execute(db);
  await sql`create index users_role_full_name_idx on users (role, lower(full_name))`.execute(db);
  await sql`create sequence user_extension_seq start 1001`.execute(db);

  await sql`
    create table teams (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      description text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index teams_name_lower_key on teams (lower(name))`.execute(db);
  await sql`
    create table team_members (
      team_id uuid not null references teams (id) on delete cascade,
      user_id uuid not null references users (id) on delete cascade,
      role text not null default 'member' check (role in ('member', 'supervisor')),
      created_at timestamptz not null default now(),
      primary key (team_id, user_id)
    )`.execute(db);
  await sql`create index team_members_user_id_idx on team_members (user_id)`.execute(db);

  await sql`
    create table queues (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      channel text not null check (channel in ('voice', 'chat', 'sms', 'email', 'whatsapp', 'messenger', 'instagram', 'fax', 'openchannel')),
      strategy text not null default 'ring-all' check (strategy in ('ring-all', 'longest-idle', 'round-robin', 'least-occupied')),
      timeout_seconds integer not null default 300 check (timeout_seconds between 1 and 1209600),
      offer_timeout_seconds integer not null default 20 check (offer_timeout_seconds between 1 and 3600),
      description text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index queues_name_lower_key on queues (lower(name))`.execute(db);
  // Agents who take the queue's interactions, and supervisors enabled on it (product.md: a supervisor
  // manages only the agents of queues they are enabled on).
  await sql`
    create table queue_members (
      queue_id uuid not null references queues (id) on delete cascade,
      user_id uuid not null references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (queue_id, user_id)
    )`.execute(db);
  await sql`create index queue_members_user_id_idx on queue_members (user_id)`.execute(db);

  for (const [table, members, key] of [
    ["campaigns", "campaign_members", "campaign_id"],
    ["lists", "list_members", "list_id"],
  ] as const) {
    await sql`
      create table ${sql.table(table)} (
        id uuid primary key default gen_random_uuid(),
        name text not null,
        description text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`.execute(db);
    await sql`create unique index ${sql.raw(`${table}_name_lower_key`)} on ${sql.table(table)} (lower(name))`.execute(db);
    await sql`
      create table ${sql.table(members)} (
        ${sql.ref(key)} uuid not null references ${sql.table(table)} (id) on delete cascade,
        user_id uuid not null references users (id) on delete cascade,
        created_at timestamptz not null default now(),
        primary key (${sql.ref(key)}, user_id)
      )`.execute(db);
    await sql`create index ${sql.raw(`${members}_user_id_idx`)} on ${sql.table(members)} (user_id)`.execute(db);
  }

  // product.md, Channels and capacity: per agent and channel. No row means the defaults: enabled, global
  // capacity, no auto-answer, not paused.
  await sql`
    create table agent_channels (
      user_id uuid not null references users (id) on delete cascade,
      channel text not null check (channel in ('voice', 'chat', 'sms', 'email', 'whatsapp', 'messenger', 'instagram', 'fax', 'openchannel')),
      enabled boolean not null default true,
      capacity integer check (capacity between 1 and 50),
      auto_answer_delay_seconds integer check (auto_answer_delay_seconds between 0 and 600),
      paused boolean not null default false,
      updated_at timestamptz not null default now(),
      primary key (user_id, channel)
    )`.execute(db);

  await sql`
    create table user_avatars (
      user_id uuid primary key references users (id) on delete cascade,
      content_type text not null check (content_type in ('image/png', 'image/jpeg')),
      data bytea not null,
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table client_logs (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id) on delete cascade,
      logged_at timestamptz not null,
      level text not null check (level in ('error', 'warning', 'info', 'debug')),
      message text not null,
      context jsonb,
      received_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index client_logs_user_id_logged_at_idx on client_logs (user_id, logged_at desc)`.execute(db);

  await sql`
    create table password_reset_tokens (
      token_hash text primary key,
      user_id uuid not null references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    )`.execute(db);
  await sql`create index password_reset_tokens_user_id_idx on password_reset_tokens (user_id)`.execute(db);

  await sql`
    create table audit_log (
      id uuid primary key default gen_random_uuid(),
      occurred_at timestamptz not null default now(),
      actor_id uuid references users (id) on delete set null,
      actor_username text,
      action text not null,
      entity_type text not null,
      entity_id text,
      summary text not null,
      before jsonb,
      after jsonb,
      request_id text
    )`.execute(db);
  await sql`create index audit_log_occurred_at_idx on audit_log (occurred_at desc)`.execute(db);
  await sql`create index audit_log_entity_idx on audit_log (entity_type, entity_id)`.execute(db);
  await sql`create index audit_log_actor_id_idx on audit_log (actor_id)`.execute(db);
}
