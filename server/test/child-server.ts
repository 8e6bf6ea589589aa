import { loadConfig } from "../config.ts";
import { startServer } from "../server.ts";

// One server process for the multi-process tests: settings from the environment, API and gateway only.
// Prints one JSON line with its URL once it listens.
const server = await startServer(loadConfig());
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.once("SIGTERM", () => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
