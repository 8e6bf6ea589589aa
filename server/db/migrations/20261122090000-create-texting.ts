import { sql, type Kysely } from "kysely";

// Two-way texting (issue 5, product.md "Two-way texting", seed 003).
//
// contacts: the leads and customers of the account, one E.164 phone each at most (a known number is recognised
// by it), kept by the contacts module. interactions gain the contact they are with (set when the number is
// known, or by the greeting step), its status copied for the alerts, and whether the customer opted out of
// messages on the channel, kept with the opt-out so a refusal needs no extra read.
//
// interaction_messages gain the provider's message id (Twilio's MessageSid: a retried webhook is stored once,
// a status callback finds its message), MMS media, and the delivery states of an SMS with the provider's error.
//
// sms_opt_outs: one row per phone number that ever sent an opt-out or opt-in keyword, its current state; it
// holds across all of our numbers. sms_keyword_events: each keyword message once (by MessageSid), the log shown
// on the contact; a retried STOP cannot undo a later START.
//
// message_templates: canned replies an admin keeps, with placeholders filled in when a reply is sent.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table contacts (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 200),
      phone text,
      email text,
      status text not null check (status in ('lead', 'customer')),
      notes text,
      created_by uuid references users (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index contacts_phone_key on contacts (phone) where phone is not null`.execute(db);
  await sql`create index contacts_name_idx on contacts (lower(name), id)`.execute(db);

  await sql`alter table interactions add column contact_id uuid references contacts (id) on delete set null`.execute(db);
  await sql`alter table interactions add column contact_status text check (contact_status in ('lead', 'customer'))`.execute(db);
  await sql`alter table interactions add column customer_opted_out boolean not null default false`.execute(db);
  await sql`create index interactions_contact_idx on interactions (contact_id, opened_at) where contact_id is not null`.execute(db);
  await sql`create index interactions_sms_customer_idx on interactions (customer_address) where channel = 'sms'`.execute(db);

  await sql`alter table interaction_messages add column external_id text`.execute(db);
  await sql`alter table interaction_messages add column media jsonb not null default '[]'::jsonb`.execute(db);
  await sql`alter table interaction_messages add column delivery_error_code integer`.execute(db);
  await sql`alter table interaction_messages add column delivery_error text`.execute(db);
  await sql`alter table interaction_messages drop constraint interaction_messages_delivery_check`.execute(db);
  await sql`
    alter table interaction_messages add constraint interaction_messages_delivery_check
      check (delivery in ('none', 'pending', 'queued', 'sent', 'delivered', 'undelivered', 'failed'))`.execute(db);
  await sql`create unique index interaction_messages_external_key on interaction_messages (external_id) where external_id is not null`.execute(db);

  await sql`
    create table sms_opt_outs (
      phone text primary key,
      opted_out boolean not null,
      keyword text not null,
      changed_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table sms_keyword_events (
      message_sid text primary key,
      phone text not null,
      keyword text not null,
      action text not null check (action in ('opt_out', 'opt_in', 'help')),
      received_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index sms_keyword_events_phone_idx on sms_keyword_events (phone, received_at)`.execute(db);

  await sql`
    create table message_templates (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 100),
      body text not null check (length(body) between 1 and 1600),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index message_templates_name_key on message_templates (lower(name))`.execute(db);
}
