import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabaseKind } from "../test/test-database.ts";
import type { DatabaseHandle } from "./database.ts";

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
