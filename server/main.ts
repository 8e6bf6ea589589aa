import { existsSync } from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig } from "./config.ts";
import { WEB_BUILD_DIRECTORY } from "./http/web.ts";
import { startServer } from "./server.ts";

// Entry: config → web build (when missing) → database → migrations → start.
// With --dev (npm run dev) Vite's own dev server serves the pages and proxies the API here.
const development = process.argv.includes("--dev");
try {
  const config = loadConfig();
  if (!development) {
    await ensureWebBuild();
  }
  const server = await startServer(config, { webDirectory: development ? undefined : WEB_BUILD_DIRECTORY });
  const where = config.databaseUrl ? "PostgreSQL" : `the embedded database in ${config.dataDirectory}`;
  const address = config.publicUrl ?? (config.host === "0.0.0.0" ? `http://localhost:${config.port}` : server.url);
  console.log(`Switchboard is running at ${address} on ${where}.`);
  if (server.initialAdmin) {
    printInitialAdmin(server.initialAdmin.username, server.initialAdmin.generatedPassword);
  }
  const shutdown = (signal: string) => {
    server.app.log.info({ signal }, "shutting down");
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}

async function ensureWebBuild(): Promise<void> {
  if (existsSync(path.join(WEB_BUILD_DIRECTORY, "index.html"))) {
    return;
  }
  console.log("Building the web app (first start)…");
  const { build } = await import("vite");
  await build({ configFile: path.resolve(import.meta.dirname, "../vite.config.ts"), logLevel: "warn" });
}

function printInitialAdmin(username: string, generatedPassword: string | undefined): void {
  console.log("");
  console.log("An administrator was created:");
  console.log(`  username: ${username}`);
  console.log(generatedPassword ? `  password: ${generatedPassword}   (shown only this once: sign in and keep it safe)` : "  password: the ADMIN_PASSWORD you set");
  console.log("");
}
