import { sql, type Kysely } from "kysely";

// TOTP MFA (issue 3, security suite): an enrolment waits here until its first code is verified, and only then
// becomes the user's secret; a sign-in with MFA on is a single-use challenge between the password and the code.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table mfa_enrolments (
      user_id uuid primary key references users (id) on delete cascade,
      secret text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`.execute(db);

  await sql`
    create table mfa_challenges (
      id text primary key,
      user_id uuid not null references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      failed_attempts integer not null default 0
    )`.execute(db);
  await sql`create index mfa_challenges_user_id_idx on mfa_challenges (user_id)`.execute(db);

  // The TOTP time step of the last code accepted: a code is never accepted twice, even inside its window.
  await sql`alter table users add column mfa_last_counter integer`.execute(db);
}
