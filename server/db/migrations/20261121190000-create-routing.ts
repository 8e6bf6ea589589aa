import { sql, type Kysely } from "kysely";

const CHANNEL_CHECK = sql.raw(`('voice', 'chat', 'sms', 'email', 'whatsapp', 'messenger', 'instagram', 'fax', 'openchannel')`);

// Routing (issue 4): entry points and their queue chains, presence and custom statuses, interactions with
// their messages, offers and one queue-report row per queue attempt. Timers are columns with a due time
// (offers.expires_at, offers.auto_answer_at, interactions.queue_deadline_at), swept with SKIP LOCKED.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table entry_points (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      channel text not null check (channel in ${CHANNEL_CHECK}),
      -- The SMS number, widget key, e-mail address or open-channel name that selects this entry point.
      address text not null,
      -- Open channel: SHA-256 of the inbound key (shown once), the outbound webhook and its signing secret.
      inbound_key_hash text,
      webhook_url text,
      webhook_secret text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index entry_points_channel_address_key on entry_points (channel, lower(address))`.execute(db);
  await sql`create unique index entry_points_name_lower_key on entry_points (lower(name))`.execute(db);
  await sql`
    create table entry_point_queues (
      entry_point_id uuid not null references entry_points (id) on delete cascade,
      queue_id uuid not null references queues (id) on delete cascade,
      position integer not null,
      primary key (entry_point_id, position),
      unique (entry_point_id, queue_id)
    )`.execute(db);

  await sql`
    create table custom_statuses (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      pauses_routing boolean not null default true,
      position integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index custom_statuses_name_lower_key on custom_statuses (lower(name))`.execute(db);

  // One row per agent who ever signed in to the desktop. The row is also the agent's lock: every change to
  // what an agent holds (an offer, an accept) locks it first, so capacity checks cannot race.
  await sql`
    create table agent_presence (
      user_id uuid primary key references users (id) on delete cascade,
      status text not null default 'offline' check (status in ('offline', 'ready', 'on-call', 'custom')),
      custom_status_id uuid references custom_statuses (id) on delete set null,
      -- The status to return to when a call ends.
      status_before_call text,
      custom_status_before_call uuid,
      status_since timestamptz not null default now(),
      -- Held by the desktop's connection: heartbeats push it forward; past it the agent is unavailable.
      connected_until timestamptz,
      signed_in_at timestamptz,
      -- Longest idle: since the agent last finished (or started without) work; round robin: last offer.
      idle_since timestamptz not null default now(),
      last_offered_at timestamptz,
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table interactions (
      id uuid primary key default gen_random_uuid(),
      channel text not null check (channel in ${CHANNEL_CHECK}),
      entry_point_id uuid references entry_points (id) on delete set null,
      -- The customer's conversation or call id at the source (open channel conversation, call id).
      external_id text,
      customer_address text not null,
      customer_name text,
      state text not null default 'queued' check (state in ('queued', 'offered', 'active', 'closed', 'abandoned', 'timed_out')),
      owner_id uuid references users (id) on delete set null,
      queue_id uuid references queues (id) on delete set null,
      -- Position in the entry point's queue chain of the current queue.
      chain_position integer not null default 0,
      queued_at timestamptz not null default now(),
      queue_deadline_at timestamptz,
      opened_at timestamptz not null default now(),
      accepted_at timestamptz,
      closed_at timestamptz,
      closed_by uuid references users (id) on delete set null,
      last_message_at timestamptz,
      snippet text,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index interactions_waiting_idx on interactions (queue_id, queued_at) where state in ('queued', 'offered')`.execute(db);
  await sql`create index interactions_deadline_idx on interactions (queue_deadline_at) where state in ('queued', 'offered')`.execute(db);
  await sql`create index interactions_owner_active_idx on interactions (owner_id, channel) where state = 'active'`.execute(db);
  await sql`create unique index interactions_open_external_key on interactions (entry_point_id, external_id) where external_id is not null and state in ('queued', 'offered', 'active')`.execute(db);
  await sql`create index interactions_opened_at_idx on interactions (opened_at)`.execute(db);

  await sql`
    create table interaction_messages (
      id uuid primary key default gen_random_uuid(),
      interaction_id uuid not null references interactions (id) on delete cascade,
      direction text not null check (direction in ('inbound', 'outbound')),
      author_id uuid references users (id) on delete set null,
      body text not null,
      delivery text not null default 'none' check (delivery in ('none', 'pending', 'delivered', 'failed')),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index interaction_messages_interaction_idx on interaction_messages (interaction_id, created_at)`.execute(db);

  await sql`
    create table offers (
      id uuid primary key default gen_random_uuid(),
      interaction_id uuid not null references interactions (id) on delete cascade,
      agent_id uuid not null references users (id) on delete cascade,
      queue_id uuid references queues (id) on delete set null,
      channel text not null,
      state text not null default 'pending' check (state in ('pending', 'accepted', 'rejected', 'expired', 'withdrawn')),
      created_at timestamptz not null default now(),
      expires_at timestamptz,
      auto_answer_at timestamptz,
      decided_at timestamptz,
      -- The queue attempt it belongs to: a new attempt offers to everyone afresh.
      attempt_id uuid not null
    )`.execute(db);
  await sql`create unique index offers_pending_key on offers (interaction_id, agent_id) where state = 'pending'`.execute(db);
  await sql`create index offers_agent_pending_idx on offers (agent_id, channel) where state = 'pending'`.execute(db);
  await sql`create index offers_expires_idx on offers (expires_at) where state = 'pending' and expires_at is not null`.execute(db);
  await sql`create index offers_auto_answer_idx on offers (auto_answer_at) where state = 'pending' and auto_answer_at is not null`.execute(db);
  await sql`create index offers_attempt_idx on offers (attempt_id, agent_id)`.execute(db);

  // The queue report: one row per queue attempt (product.md, Routing).
  await sql`
    create table queue_attempts (
      id uuid primary key default gen_random_uuid(),
      interaction_id uuid not null references interactions (id) on delete cascade,
      queue_id uuid references queues (id) on delete set null,
      channel text not null,
      entered_at timestamptz not null default now(),
      left_at timestamptz,
      reason text check (reason in ('accepted', 'timeout', 'abandoned')),
      agent_id uuid references users (id) on delete set null
    )`.execute(db);
  await sql`create unique index queue_attempts_open_key on queue_attempts (interaction_id) where left_at is null`.execute(db);
  await sql`create index queue_attempts_queue_entered_idx on queue_attempts (queue_id, entered_at)`.execute(db);
}
