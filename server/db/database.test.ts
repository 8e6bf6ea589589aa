import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresDatabase, createTestDatabase, testDatabaseKind } from "../test/test-database.ts";
import { openDatabase, type DatabaseHandle } from "./database.ts";
import { FIRST_RENEWAL_MS, prepareStatementsOn, STATEMENTS_PER_CONNECTION } from "./prepared-statements.ts";

// The same SQL, row locks and transactions must behave the same on PGlite and PostgreSQL: this file runs
// on both (vitest projects `pglite` and `postgres`).
describe(`storage on ${testDatabaseKind()}`, () => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await createTestDatabase();
    await sql`create table counters (id int primary key, value int not null)`.execute(handle.db);
    await sql`create table work_items (id int primary key, claimed_by text)`.execute(handle.db);
  });
  afterAll(async () => {
    await handle.close();
  });

  it("opens the kind of database it was asked for", () => {
    expect(handle.kind).toBe(testDatabaseKind());
  });

  it("applies the migrations: users, sessions, API tokens, settings", async () => {
    const tables = await sql<{ tableName: string }>`
      select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(handle.db);
    expect(tables.rows.map((row) => row.tableName)).toEqual(
      expect.arrayContaining(["api_tokens", "kysely_migration", "sessions", "settings", "users"]),
    );
  });

  it("rolls back every write of a failed transaction", async () => {
    await sql`insert into counters values (1, 0)`.execute(handle.db);
    await expect(
      handle.db.transaction().execute(async (transaction) => {
        await sql`update counters set value = 99 where id = 1`.execute(transaction);
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    const row = await sql<{ value: number }>`select value from counters where id = 1`.execute(handle.db);
    expect(row.rows[0]?.value).toBe(0);
  });

  it("serializes read-modify-write under FOR UPDATE: no increment is lost", async () => {
    await sql`insert into counters values (2, 0)`.execute(handle.db);
    await Promise.all(
      Array.from({ length: 20 }, () =>
        handle.db.transaction().execute(async (transaction) => {
          const locked = await sql<{ value: number }>`select value from counters where id = 2 for update`.execute(transaction);
          await new Promise((resolve) => setTimeout(resolve, 2));
          await sql`update counters set value = ${(locked.rows[0]?.value ?? 0) + 1} where id = 2`.execute(transaction);
        }),
      ),
    );
    const row = await sql<{ value: number }>`select value from counters where id = 2`.execute(handle.db);
    expect(row.rows[0]?.value).toBe(20);
  });

  it("hands each row to exactly one of many concurrent workers with SKIP LOCKED", async () => {
    await sql`insert into work_items (id) select generate_series(1, 30)`.execute(handle.db);
    const claims: number[] = [];
    const worker = async (name: string) => {
      for (;;) {
        const claimed = await handle.db.transaction().execute(async (transaction) => {
          const next = await sql<{ id: number }>`
            select id from work_items where claimed_by is null order by id limit 1 for update skip locked`.execute(transaction);
          const id = next.rows[0]?.id;
          if (id === undefined) {
            return undefined;
          }
          await sql`update work_items set claimed_by = ${name} where id = ${id}`.execute(transaction);
          return id;
        });
        if (claimed === undefined) {
          return;
        }
        claims.push(claimed);
      }
    };
    await Promise.all(["a", "b", "c", "d", "e"].map((name) => worker(name)));
    expect(claims.sort((left, right) => left - right)).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
    const unclaimed = await sql<{ count: number }>`select count(*)::int as count from work_items where claimed_by is null`.execute(handle.db);
    expect(unclaimed.rows[0]?.count).toBe(0);
  });

  it("reports rows affected by a conditional update, so a lost race is visible", async () => {
    await sql`insert into counters values (3, 0)`.execute(handle.db);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => sql`update counters set value = 1 where id = 3 and value = 0`.execute(handle.db)),
    );
    expect(results.map((result) => Number(result.numAffectedRows)).sort()).toEqual([0, 0, 0, 0, 1]);
  });
});

// PGlite has no pool of connections to prepare statements on: these run on the `postgres` project only.
const describeOnPostgres = testDatabaseKind() === "postgres" ? describe : () => undefined;
describeOnPostgres("prepared statements on PostgreSQL", () => {
  let server: DatabaseHandle & { url: string };
  // One connection: every statement below meets the statements the ones before it prepared.
  let one: DatabaseHandle;
  const prepared = async () => (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(one.db)).rows.map((row) => row.statement);

  beforeAll(async () => {
    server = await createPostgresDatabase();
    one = await openDatabase({ databaseUrl: server.url, poolSize: 1 });
    await sql`create table notes (id int primary key, body text not null)`.execute(one.db);
    await sql`insert into notes values (1, 'first'), (2, 'second')`.execute(one.db);
  });
  afterAll(async () => {
    await one.close();
    await server.close();
  });

  it("prepares a statement once per connection and runs it again by name", async () => {
    const read = (id: number) => one.db.selectFrom("notes" as never).select("body" as never).where("id" as never, "=", id as never).executeTakeFirst();
    expect(await read(1)).toEqual({ body: "first" });
    expect(await read(2)).toEqual({ body: "second" });
    const statements = await prepared();
    expect(statements.filter((statement) => statement.includes('from "notes"'))).toHaveLength(1);
  });

  it("answers the request that meets a statement a migration made stale, then prepares it anew", async () => {
    const everything = () => sql<Record<string, unknown>>`select * from notes where id = ${1}`.execute(one.db);
    expect((await everything()).rows).toEqual([{ id: 1, body: "first" }]);
    await sql`alter table notes add column author text`.execute(one.db);
    await expect(everything()).rejects.toMatchObject({ code: "0A000" });
    expect((await everything()).rows).toEqual([{ id: 1, body: "first", author: null }]);
  });

  it("keeps at most its bound of statements per connection and runs the rest unprepared", async () => {
    for (let index = 0; index <= STATEMENTS_PER_CONNECTION; index += 1) {
      const row = await sql<{ value: number }>`select ${index}::int + ${sql.lit(index)} as value`.execute(one.db);
      expect(row.rows[0]?.value).toBe(2 * index);
    }
    expect((await prepared()).length).toBe(STATEMENTS_PER_CONNECTION);
  });

  it("prepares an ageing statement anew, and deallocates the old one outside a transaction", async () => {
    let now = 1_000_000;
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    prepareStatementsOn(client as pg.PoolClient, () => now);
    const names = async () => (await client.query<{ name: string }>("select name from pg_prepared_statements where statement like '%from notes where id = $1%' order by prepare_time")).rows.map((row) => row.name);
    try {
      const read = async (id: number) => (await client.query<{ body: string }>("select body from notes where id = $1", [id])).rows[0]?.body;
      expect(await read(1)).toBe("first");
      const [first] = await names();
      now += FIRST_RENEWAL_MS - 1;
      expect(await read(2)).toBe("second");
      expect(await names()).toEqual([first]);
      now += 1;
      expect(await read(1)).toBe("first");
      const renewed = await names();
      expect(renewed).toHaveLength(1);
      expect(renewed[0]).not.toBe(first);
      // Renewed inside a transaction: the old statement stays until the transaction ends.
      now += 2 * FIRST_RENEWAL_MS;
      await client.query("begin");
      expect(await read(2)).toBe("second");
      expect(await names()).toHaveLength(2);
      await client.query("commit");
      expect(await read(1)).toBe("first");
      const after = await names();
      expect(after).toHaveLength(1);
      expect(after[0]).not.toBe(renewed[0]);
      // The next renewal waits twice as long.
      now += 2 * FIRST_RENEWAL_MS - 1;
      expect(await read(1)).toBe("first");
      expect(await names()).toEqual(after);
    } finally {
      await client.end();
    }
  });

  it("prepares nothing when told not to (a pooler that cannot keep prepared statements)", async () => {
    const unprepared = await openDatabase({ databaseUrl: server.url, poolSize: 1, preparedStatements: false });
    try {
      for (const id of [1, 2, 1]) {
        await unprepared.db.selectFrom("notes" as never).select("body" as never).where("id" as never, "=", id as never).execute();
      }
      const statements = await sql<{ count: number }>`select count(*)::int as count from pg_prepared_statements`.execute(unprepared.db);
      expect(statements.rows[0]?.count).toBe(0);
    } finally {
      await unprepared.close();
    }
  });

  it("leaves transaction control and DDL unprepared", async () => {
    await one.db.transaction().execute(async (transaction) => {
      await sql`create table scratch (id int)`.execute(transaction);
    });
    const statements = await prepared();
    expect(statements.some((statement) => /^(begin|commit|create)/i.test(statement.trim()))).toBe(false);
  });
});
