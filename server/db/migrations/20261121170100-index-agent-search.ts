import { sql, type Kysely } from "kysely";

// The agents list searches name, username, alias, e-mail and extension at once (issue 3, item 10). One
// lower-cased column holds them, kept by the database, so a search reads one value per row; where pg_trgm is
// available (PostgreSQL; the embedded database has no such extension) a trigram index answers `like '%…%'`
// for terms of three characters or more without reading every agent.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table users add column search_text text generated always as (
      lower(full_name || ' ' || username || ' ' || coalesce(alias, '') || ' ' || coalesce(email, '') || ' ' || coalesce(extension, ''))
    ) stored`.execute(db);
  await sql`
    do $$
    begin
      create extension if not exists pg_trgm;
    exception when others then
      raise notice 'pg_trgm is not available: the agents search reads every agent';
    end
    $$`.execute(db);
  await sql`
    do $$
    begin
      if exists (select 1 from pg_extension where extname = 'pg_trgm') then
        create index users_agent_search_idx on users using gin (search_text gin_trgm_ops) where role = 'agent';
      end if;
    end
    $$`.execute(db);
}
