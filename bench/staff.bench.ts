import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import type { AgentSummary } from "../common/api/agents.ts";
import type { Page } from "../common/api/pagination.ts";
import type { Db } from "../server/db/database.ts";
import { migrateToLatest } from "../server/db/migrator.ts";
import { hashPassword } from "../server/lib/passwords.ts";
import { createServices } from "../server/services.ts";
import { createUser } from "../server/test/factories.ts";
import { TestClient } from "../server/test/http-client.ts";
import { spawnServer, stopServer } from "../server/test/server-process.ts";
import { createPostgresDatabase } from "../server/test/test-database.ts";
import { runLoad, type LoadResult } from "./load.ts";
import { pgbenchSelectOnlyTps } from "./reference.ts";

const AGENTS = 10_000;
const TEAMS = 200;
const QUEUES = 500;
const QUEUES_PER_AGENT = 3;
const SUPERVISED_QUEUES = 10;
const SECONDS = 5;
const SEARCHES = ["ann", "smith", "10", "lee", "mar", "@example", "ez", "7"];
const SORTS = ["fullName", "username", "extension", "createdAt"];

/**
 * The staff administration at size (issue 3): 10,000 agents, 200 teams, 500 queues seeded with bulk SQL, then
 * the agents list (search + filter + sort + page) and the CSV export of every agent, through a server process
 * of its own on PostgreSQL, next to pgbench's select-only TPS on the same server in the same run.
 */
export async function benchStaff(): Promise<void> {
  const database = await createPostgresDatabase();
  try {
    await migrateToLatest(database.db);
    const seeding = performance.now();
    await seedStaff(database.db);
    const services = createServices({ db: database.db, config: { sessionIdleMinutes: 60, sessionMaxHours: 12 } });
    const admin = await createUser(services, "admin");
    const supervisor = await createUser(services, "supervisor");
    await sql`insert into queue_members (queue_id, user_id) select id, ${supervisor.user.id} from queues order by name limit ${SUPERVISED_QUEUES}`.execute(database.db);
    await sql`analyze`.execute(database.db);
    console.log(`staff: seeded ${AGENTS} agents, ${TEAMS} teams, ${QUEUES} queues, ${AGENTS * QUEUES_PER_AGENT} queue memberships in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);

    const server = await spawnServer({ DATABASE_URL: database.url, LOGIN_RATE_LIMIT: "10000" });
    try {
      const adminClient = await signedIn(server.url, admin.username, admin.password);
      const supervisorClient = await signedIn(server.url, supervisor.username, supervisor.password);
      const teamIds = (await database.db.selectFrom("teams").select("id").execute()).map((team) => team.id);
      await benchList(adminClient, supervisorClient, teamIds);
      await benchExport(adminClient, server.child.pid ?? 0);
      const reference = await pgbenchSelectOnlyTps(database.url, 4, SECONDS);
      console.log(`  reference:   pgbench select-only ${reference.toFixed(0)} tps, 4 clients (same server, same run)`);
    } finally {
      await stopServer(server);
    }
  } finally {
    await database.close();
  }
}

export async function seedStaff(db: Db): Promise<void> {
  const passwordHash = await hashPassword("Agent-password-1");
  await sql`
    insert into users (username, full_name, alias, email, role, password_hash, extension, typology, disabled, locked_at, created_at)
    select
      'agent_' || i,
      (array['Ann','Marco','Li','Sofia','Omar','Grace','Ada','Yuki','Pedro','Ines'])[1 + i % 10] || ' ' ||
        (array['Smith','Rossi','Lee','Garcia','Khan','Hopper','Lovelace','Sato','Alvarez','Dubois','Novak','Meyer'])[1 + (i / 10) % 12] || ' ' || i,
      case when i % 4 = 0 then 'Desk ' || i end,
      'agent' || i || '@example.com',
      'agent',
      ${passwordHash},
      (10000 + i)::text,
      (array['webrtc','phonebar','external'])[1 + i % 3],
      i % 50 = 0,
      case when i % 97 = 0 then now() end,
      now() - make_interval(mins => i)
    from generate_series(1, ${AGENTS}) as i`.execute(db);
  await sql`insert into teams (name) select 'Team ' || i from generate_series(1, ${TEAMS}) as i`.execute(db);
  await sql`
    insert into queues (name, channel)
    select 'Queue ' || lpad(i::text, 3, '0'), (array['voice','chat','sms','email'])[1 + i % 4]
    from generate_series(1, ${QUEUES}) as i`.execute(db);
  await sql`
    insert into team_members (team_id, user_id)
    select teams.id, agents.id
    from (select id, row_number() over (order by username) as n from users where role = 'agent') agents
    join (select id, row_number() over (order by name) as n from teams) teams on teams.n = 1 + agents.n % ${TEAMS}`.execute(db);
  await sql`
    insert into queue_members (queue_id, user_id)
    select queues.id, agents.id
    from (select id, row_number() over (order by username) as n from users where role = 'agent') agents
    cross join generate_series(0, ${QUEUES_PER_AGENT - 1}) as slot
    join (select id, row_number() over (order by name) as n from queues) queues on queues.n = 1 + (agents.n * 7 + slot * 131) % ${QUEUES}`.execute(db);
}

async function signedIn(url: string, username: string, password: string): Promise<TestClient> {
  const client = new TestClient(url);
  const response = await client.signIn(username, password);
  if (response.status !== 200) {
    throw new Error(`sign-in failed: ${response.status}`);
  }
  return client;
}

function pick<Item>(items: readonly Item[]): Item {
  return items[Math.floor(Math.random() * items.length)] as Item;
}

/** A page of the list as the console asks for it: a search, a filter or two, a sort, a page. */
function randomListQuery(teamIds: readonly string[]): string {
  const parameters = new URLSearchParams({ search: pick(SEARCHES), sort: pick(SORTS), order: pick(["asc", "desc"]), page: pick(["1", "1", "2", "3"]), pageSize: "25" });
  const filter = pick(["typology", "team", "status", "none"]);
  if (filter === "typology") {
    parameters.set("typology", pick(["webrtc", "phonebar", "external"]));
  } else if (filter === "team") {
    parameters.set("teamId", pick(teamIds));
  } else if (filter === "status") {
    parameters.set("status", "active");
  }
  return parameters.toString();
}

async function benchList(admin: TestClient, supervisor: TestClient, teamIds: readonly string[]): Promise<void> {
  const request = (client: TestClient) => async () => (await client.get<Page<AgentSummary>>(`/api/v1/agents?${randomListQuery(teamIds)}`)).status === 200;
  const unfiltered = await admin.get<Page<AgentSummary>>("/api/v1/agents?sort=extension&order=desc");
  const scoped = await supervisor.get<Page<AgentSummary>>("/api/v1/agents");
  console.log(`  list: admin sees ${unfiltered.body.total} agents, the supervisor (${SUPERVISED_QUEUES} queues) ${scoped.body.total}`);
  print("list, admin, 1 client    ", await runLoad(request(admin), 1, SECONDS));
  print("list, admin, 8 clients   ", await runLoad(request(admin), 8, SECONDS));
  print("list, supervisor, 1 client", await runLoad(request(supervisor), 1, SECONDS));
}

function print(label: string, result: LoadResult): void {
  console.log(`  ${label}: ${result.requests} requests, ${result.perSecond.toFixed(0)} req/s  p50 ${result.p50Ms.toFixed(2)} ms  p95 ${result.p95Ms.toFixed(2)} ms  p99 ${result.p99Ms.toFixed(2)} ms  failures ${result.failures}`);
}

async function memoryKilobytes(processId: number, field: "VmRSS" | "VmHWM"): Promise<number> {
  const status = await readFile(`/proc/${processId}/status`, "utf8");
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
}

async function benchExport(admin: TestClient, serverProcessId: number): Promise<void> {
  for (let run = 1; run <= 5; run += 1) {
    const baseline = await memoryKilobytes(serverProcessId, "VmRSS");
    let peak = baseline;
    const sampler = setInterval(() => {
      memoryKilobytes(serverProcessId, "VmRSS").then((rss) => (peak = Math.max(peak, rss)), () => undefined);
    }, 5);
    const started = performance.now();
    const response = await fetch(`${admin.baseUrl}/api/v1/agents/export.csv`, { headers: { cookie: admin.cookie ?? "" } });
    let bytes = 0;
    let lines = 0;
    for await (const chunk of response.body ?? []) {
      bytes += chunk.length;
      lines += chunk.reduce((count: number, byte: number) => count + (byte === 10 ? 1 : 0), 0);
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const highWater = await memoryKilobytes(serverProcessId, "VmHWM");
    console.log(
      `  export.csv run ${run}: ${lines - 1} agents, ${(bytes / 1024 / 1024).toFixed(1)} MiB in ${seconds.toFixed(2)} s; server RSS ${(baseline / 1024).toFixed(0)} MiB before, peak +${((peak - baseline) / 1024).toFixed(1)} MiB during (VmHWM ${(highWater / 1024).toFixed(0)} MiB)`,
    );
  }
}
