import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Migrator, type Migration, type MigrationProvider } from "kysely";
import type { Db } from "./database.ts";

const MIGRATIONS_DIRECTORY = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");
const MIGRATION_FILE = /^\d{14}-[a-z0-9-]+\.ts$/;

// Migration files are append-only: `YYYYMMDDHHMMSS-verb-noun.ts`, each exporting `up` (CONVENTIONS.md rule 3).
class MigrationFolderProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(MIGRATIONS_DIRECTORY)).filter((file) => MIGRATION_FILE.test(file)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const module = (await import(pathToFileURL(path.join(MIGRATIONS_DIRECTORY, file)).href)) as Migration;
      migrations[file.replace(/\.ts$/, "")] = module;
    }
    return migrations;
  }
}

export interface MigrationReport {
  applied: string[];
}

export async function migrateToLatest(db: Db): Promise<MigrationReport> {
  const migrator = new Migrator({ db, provider: new MigrationFolderProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    throw error instanceof Error ? error : new Error(`Migration failed: ${JSON.stringify(error)}`);
  }
  const failed = results?.find((result) => result.status === "Error");
  if (failed) {
    throw new Error(`Migration ${failed.migrationName} failed`);
  }
  return { applied: (results ?? []).map((result) => result.migrationName) };
}
