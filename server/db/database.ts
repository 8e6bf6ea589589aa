import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { CamelCasePlugin, Kysely, PostgresDialect, sql, type Transaction } from "kysely";
import pg from "pg";
import { prepareStatementsOn } from "./prepared-statements.ts";
import type { Database } from "./tables.ts";

export type DatabaseKind = "pglite" | "postgres";
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** A query runner: the database itself or an open transaction. Repositories accept either. */
export type Executor = Db | Tx;

export interface DatabaseHandle {
  db: Db;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; without it the embedded database is used. */
  databaseUrl?: string | undefined;
  /** Folder of the embedded database; undefined keeps it in memory (tests). */
  dataDirectory?: string | undefined;
  poolSize?: number;
  /** PostgreSQL: each connection prepares the statements it runs (prepared-statements.ts); false: all run unnamed. */
  preparedStatements?: boolean;
}

// pg returns int8 and numeric as strings; counts we read are small, so parse them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    return openPostgres(options.databaseUrl, options.poolSize ?? 10, options.preparedStatements ?? true);
  }
  return openPGlite(options.dataDirectory);
}

async function openPostgres(connectionString: string, poolSize: number, preparedStatements: boolean): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle connection dropped by the server (restart, failover) must not crash the process: the pool
  // replaces it, and the next query that fails answers its own request.
  pool.on("error", () => undefined);
  if (preparedStatements) {
    pool.on("connect", (client) => prepareStatementsOn(client));
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  return { db, kind: "postgres", close: () => db.destroy() };
}

async function openPGlite(dataDirectory: string | undefined): Promise<DatabaseHandle> {
  if (dataDirectory) {
    await mkdir(dataDirectory, { recursive: true });
  }
  const { PGliteDialect } = await import("./pglite-dialect.ts");
  const database = await PGlite.create(dataDirectory ? { dataDir: dataDirectory } : {});
  const db = new Kysely<Database>({ dialect: new PGliteDialect(database), plugins: [new CamelCasePlugin()] });
  return {
    db,
    kind: "pglite",
    close: async () => {
      await db.destroy();
      await database.close();
    },
  };
}

export async function isDatabaseReachable(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
