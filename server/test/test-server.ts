import type { DestinationStream } from "pino";
import { loadConfig, type Config } from "../config.ts";
import type { DatabaseHandle } from "../db/database.ts";
import type { Clock } from "../lib/clock.ts";
import { startServer, type RunningServer } from "../server.ts";
import { createUser, type CreatedUser } from "./factories.ts";
import { TestClient } from "./http-client.ts";
import { createTestDatabase } from "./test-database.ts";

export interface TestServer {
  server: RunningServer;
  url: string;
  database: DatabaseHandle;
  close(): Promise<void>;
  /** A fresh user of that role, signed in through the API like the page signs in. */
  signedIn(role: CreatedUser["user"]["role"]): Promise<{ client: TestClient; created: CreatedUser }>;
}

export interface TestServerOptions {
  config?: Partial<Config>;
  clock?: Clock;
  /** Share a database with another test server (two processes on one database). */
  database?: DatabaseHandle;
  logStream?: DestinationStream;
}

/** A real server on a random port over a fresh database, with the API only (no web build). */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const database = options.database ?? (await createTestDatabase());
  const config: Config = {
    ...loadConfig({}),
    port: 0,
    host: "127.0.0.1",
    logLevel: process.env.TEST_LOG_LEVEL ?? "silent",
    loginRateLimit: 1000,
    adminPassword: "Admin-password-1",
    ...options.config,
  };
  const server = await startServer(config, {
    database,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  return {
    server,
    url: server.url,
    database,
    close: async () => {
      await server.close();
      if (!options.database) {
        await database.close();
      }
    },
    signedIn: async (role) => {
      const created = await createUser(server.services, role);
      const client = new TestClient(server.url);
      const response = await client.signIn(created.username, created.password);
      if (response.status !== 200) {
        throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
      }
      return { client, created };
    },
  };
}
