import { loadConfig } from "../config.ts";
import { openDatabase } from "./database.ts";
import { migrateToLatest } from "./migrator.ts";

// `npm run migrate`: apply pending migrations to the configured database and exit.
const config = loadConfig();
const handle = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDirectory: config.dataDirectory,
  poolSize: 1,
});
try {
  const report = await migrateToLatest(handle.db);
  console.log(report.applied.length ? `Applied: ${report.applied.join(", ")}` : "Database is up to date.");
} finally {
  await handle.close();
}
