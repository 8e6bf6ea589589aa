import { sql, type Kysely } from "kysely";

// Telephony events (issue 4, Voice): one row per (call id, event type) received from the phone system. The
// primary key makes a repeated event a no-op: the PBX may send the same event twice, and answering it again
// must not, say, take the agent off a later call.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table telephony_events (
      call_id text not null,
      type text not null check (type in ('call.offered', 'call.answered', 'call.ended')),
      agent_id uuid references users (id) on delete set null,
      interaction_id uuid references interactions (id) on delete set null,
      received_at timestamptz not null default now(),
      primary key (call_id, type)
    )`.execute(db);
}
