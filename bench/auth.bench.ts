import { createServices } from "../server/services.ts";
import { createUser } from "../server/test/factories.ts";
import { TestClient } from "../server/test/http-client.ts";
import { spawnServer, stopServer } from "../server/test/server-process.ts";
import { createPostgresDatabase } from "../server/test/test-database.ts";
import { runLoad } from "./load.ts";
import { pgbenchSelectOnlyTps } from "./reference.ts";

const CONCURRENCY = 16;
const SECONDS = 5;

/**
 * Authenticated API round trips: `GET /api/v1/auth/me` (session cookie → one joined query → JSON) against a
 * server process of its own on PostgreSQL, next to pgbench's select-only TPS on the same server in the same run.
 */
export async function benchAuth(): Promise<void> {
  const database = await createPostgresDatabase();
  const server = await spawnServer({ DATABASE_URL: database.url, LOGIN_RATE_LIMIT: "10000", ADMIN_PASSWORD: "Admin-password-1" });
  try {
    const services = createServices({ db: database.db, config: { sessionIdleMinutes: 60, sessionMaxHours: 12 } });
    const users = await Promise.all(Array.from({ length: CONCURRENCY }, () => createUser(services, "agent")));
    const clients = await Promise.all(
      users.map(async (created) => {
        const client = new TestClient(server.url);
        await client.signIn(created.username, created.password);
        return client;
      }),
    );
    let next = 0;
    const health = await runLoad(async () => (await fetch(`${server.url}/healthz`)).ok, CONCURRENCY, 2);
    const result = await runLoad(
      async () => (await clients[next++ % clients.length]?.get("/api/v1/auth/me"))?.status === 200,
      CONCURRENCY,
      SECONDS,
    );
    const reference = await pgbenchSelectOnlyTps(database.url, CONCURRENCY, SECONDS);
    console.log(`auth: GET /api/v1/auth/me, ${CONCURRENCY} concurrent clients, ${SECONDS} s, server process on PostgreSQL`);
    console.log(`  switchboard: ${result.perSecond.toFixed(0)} req/s  p50 ${result.p50Ms.toFixed(2)} ms  p95 ${result.p95Ms.toFixed(2)} ms  p99 ${result.p99Ms.toFixed(2)} ms  failures ${result.failures}`);
    console.log(`  floor:       GET /healthz ${health.perSecond.toFixed(0)} req/s (no database: the HTTP stack and this load generator)`);
    console.log(`  reference:   pgbench select-only ${reference.toFixed(0)} tps (same server, same run)`);
  } finally {
    await stopServer(server);
    await database.close();
  }
}
