import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type DatabaseHandle, type DatabaseKind } from "../db/database.ts";
import { migrateToLatest } from "../db/migrator.ts";

/** The database the suite runs on: vitest's `pglite` project, or its `postgres` project when DATABASE_URL is set. */
export function testDatabaseKind(): DatabaseKind {
  return process.env.TEST_DATABASE === "postgres" ? "postgres" : "pglite";
}

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or a new database on the PostgreSQL
 * server of DATABASE_URL, dropped again on close.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const handle = testDatabaseKind() === "postgres" ? await createPostgresDatabase() : await openDatabase({});
  await migrateToLatest(handle.db);
  return handle;
}

export async function createPostgresDatabase(): Promise<DatabaseHandle & { url: string }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    throw new Error("TEST_DATABASE=postgres needs DATABASE_URL");
  }
  const name = `switchboard_test_${randomBytes(6).toString("hex")}`;
  await administer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
  return {
    ...handle,
    kind: "postgres",
    url: url.toString(),
    close: async () => {
      await handle.close();
      await administer(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

async function administer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
