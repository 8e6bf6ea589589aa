import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import type { CoachingLogEntry, SentCoachingMessage } from "../common/api/coaching.ts";
import type { Page } from "../common/api/pagination.ts";
import type { Wallboard } from "../common/api/wallboard.ts";
import { openDatabase, type Db } from "../server/db/database.ts";
import { migrateToLatest } from "../server/db/migrator.ts";
import { generateSecret, hashSecret } from "../server/lib/secrets.ts";
import { API_TOKEN_PREFIX } from "../server/modules/auth/auth.service.ts";
import { createPostgresDatabase } from "../server/test/test-database.ts";
import type { FromAgents, ToAgents } from "./coaching-agents.ts";
import type { FromServer, ToServer } from "./coaching-server.ts";

// `npm run bench -- coaching` (issue 6, Speed): one coaching message to a team of 5,000 agents whose desktops are
// Socket.IO connections held by a process of their own. For every socket, the time from the send request (the
// POST leaving the bench) to the message reaching it, next to a bare Socket.IO broadcast of the same payload from
// the same server to the same sockets in the same run (a team-room emit, and an emit to the 5,000 agents' own
// rooms, which is what a coaching send does). Then checks that every copy was stored and marked delivered.
// `--quick`: 500 agents; `--agents=N`; `--rounds=N`; `--database=postgres|pglite`.

interface Size {
  agents: number;
  rounds: number;
}

const FULL: Size = { agents: 5_000, rounds: 10 };
const QUICK: Size = { agents: 500, rounds: 3 };
const RECEIPT_TIMEOUT_MS = 60_000;
const ROOT = path.resolve(import.meta.dirname, "..");
const wallClock = () => performance.timeOrigin + performance.now();

type Kind = "postgres" | "pglite";
type Path = "coaching" | "team-room" | "user-rooms";

interface Fixture {
  teamId: string;
  agentIds: string[];
  agentTokens: string[];
  adminToken: string;
}

function option(name: string): string | undefined {
  return new RegExp(`^--${name}=(.+)$`).exec(process.argv.find((argument) => argument.startsWith(`--${name}=`)) ?? "")?.[1];
}

export async function benchCoaching(): Promise<void> {
  const base = process.argv.includes("--quick") ? QUICK : FULL;
  const size: Size = { agents: Number(option("agents") ?? base.agents), rounds: Number(option("rounds") ?? base.rounds) };
  const only = option("database");
  for (const kind of ["postgres", "pglite"] as const) {
    if (!only || only === kind) {
      await benchOn(kind, size);
    }
  }
}

/** `agents` agents (ready, not yet connected) in one team, their API tokens, and an admin with a token. */
async function seed(db: Db, agents: number): Promise<Fixture> {
  const users = await sql<{ id: string }>`
    insert into users (username, full_name, role, password_hash)
    select 'bench_coached_' || lpad(i::text, 5, '0'), 'Coached Agent ' || i, 'agent', 'not-a-hash' from generate_series(1, ${agents}) as i
    returning id`.execute(db);
  const agentIds = users.rows.map((row) => row.id);
  const agentTokens = agentIds.map(() => generateSecret(API_TOKEN_PREFIX));
  await insertTokens(db, agentIds, agentTokens);
  await sql`insert into agent_presence (user_id, status) select id, 'ready' from unnest(${sql.val(agentIds)}::uuid[]) as a(id)`.execute(db);
  const team = await db.insertInto("teams").values({ name: "Bench coached team" }).returning("id").executeTakeFirstOrThrow();
  await sql`insert into team_members (team_id, user_id) select ${team.id}, id from unnest(${sql.val(agentIds)}::uuid[]) as a(id)`.execute(db);
  const admin = await db.insertInto("users").values({ username: "bench_coach", fullName: "Bench Coach", role: "admin", passwordHash: "not-a-hash" }).returning("id").executeTakeFirstOrThrow();
  const adminToken = generateSecret(API_TOKEN_PREFIX);
  await insertTokens(db, [admin.id], [adminToken]);
  await sql`analyze`.execute(db);
  return { teamId: team.id, agentIds, agentTokens, adminToken };
}

async function insertTokens(db: Db, userIds: readonly string[], tokens: readonly string[]): Promise<void> {
  await sql`
    insert into api_tokens (user_id, name, token_hash, prefix)
    select id, 'coaching bench', hash, 'sbt_bench' from unnest(${sql.val(userIds)}::uuid[], ${sql.val(tokens.map(hashSecret))}::text[]) as t(id, hash)`.execute(db);
}

interface Target {
  fixture: Fixture;
  environment: Record<string, string>;
  /** The copies stored for a message, counted in the database (PostgreSQL, while the server runs). */
  storedCopies: ((messageId: string) => Promise<number>) | undefined;
  close(): Promise<void>;
}

async function prepare(kind: Kind, size: Size): Promise<Target> {
  if (kind === "postgres") {
    const database = await createPostgresDatabase();
    await migrateToLatest(database.db);
    const fixture = await seed(database.db, size.agents);
    const storedCopies = async (messageId: string) =>
      Number((await database.db.selectFrom("coachingRecipients").select((eb) => eb.fn.countAll<number>().as("copies")).where("messageId", "=", messageId).executeTakeFirstOrThrow()).copies);
    return { fixture, environment: { DATABASE_URL: database.url }, storedCopies, close: () => database.close() };
  }
  const directory = await mkdtemp(path.join(os.tmpdir(), "switchboard-coaching-bench-"));
  const seeding = await openDatabase({ dataDirectory: directory });
  await migrateToLatest(seeding.db);
  const fixture = await seed(seeding.db, size.agents);
  await seeding.close();
  // An empty DATABASE_URL counts as unset: the server opens the embedded database in its own process.
  return { fixture, environment: { DATABASE_URL: "", SWITCHBOARD_DATA_DIR: directory }, storedCopies: undefined, close: () => rm(directory, { recursive: true, force: true }) };
}

/** A child process on the IPC channel: send messages, wait for the next of a type, collect the rest. */
class Child<To, From extends { type: string }> {
  readonly process: ChildProcess;
  private readonly waiters = new Map<string, (message: From) => void>();

  constructor(script: string, environment: Record<string, string>, readonly onMessage: (message: From) => void) {
    this.process = spawn(process.execPath, ["--import", "tsx", script], { cwd: ROOT, env: { ...process.env, ...environment }, stdio: ["ignore", "pipe", "inherit", "ipc"] });
    this.process.on("message", (message: From) => {
      this.onMessage(message);
      this.waiters.get(message.type)?.(message);
    });
  }

  send(message: To): void {
    this.process.send(message as object);
  }

  next<Type extends From["type"]>(type: Type): Promise<Extract<From, { type: Type }>> {
    return new Promise((resolve, reject) => {
      this.waiters.set(type, (message) => resolve(message as Extract<From, { type: Type }>));
      this.process.once("exit", (code) => reject(new Error(`${type}: the child exited with ${String(code)}`)));
    });
  }

  async stop(): Promise<void> {
    if (this.process.exitCode !== null) {
      return;
    }
    const exited = new Promise((resolve) => this.process.once("exit", resolve));
    this.process.kill("SIGTERM");
    await exited;
  }
}

async function serverUrl(server: Child<ToServer, FromServer>): Promise<string> {
  const lines = createInterface({ input: server.process.stdout ?? process.stdin });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the server did not start in 120 s")), 120_000);
    lines.on("line", (line) => {
      if (line.startsWith('{"url"')) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    });
  });
}

async function waitForLiveAgents(url: string, adminToken: string, agents: number): Promise<void> {
  const deadline = wallClock() + 300_000;
  let live = 0;
  while (wallClock() < deadline) {
    const wallboard = (await (await fetch(`${url}/api/v1/wallboard`, { headers: { authorization: `Bearer ${adminToken}` } })).json()) as Wallboard;
    live = wallboard.agents.filter((agent) => agent.connected && agent.status === "ready").length;
    if (live >= agents) {
      return;
    }
    await sleep(500);
  }
  throw new Error(`only ${live} of ${agents} agents connected and ready after 300 s`);
}

/** Receipts per message id, as the agents' process reports them. */
class Receipts {
  private readonly byMessage = new Map<string, number[]>();

  add(receipts: readonly [string, number][]): void {
    for (const [messageId, at] of receipts) {
      const list = this.byMessage.get(messageId);
      if (list) {
        list.push(at);
      } else {
        this.byMessage.set(messageId, [at]);
      }
    }
  }

  async all(messageId: string, expected: number): Promise<number[]> {
    const deadline = wallClock() + RECEIPT_TIMEOUT_MS;
    while (wallClock() < deadline) {
      const list = this.byMessage.get(messageId) ?? [];
      if (list.length >= expected) {
        return list;
      }
      await sleep(10);
    }
    return this.byMessage.get(messageId) ?? [];
  }
}

interface Round {
  path: Path;
  latencies: number[];
  /** Socket receipts missing when the bench stopped waiting. */
  missing: number;
  /** Coaching only: the POST's answer time, and the message. */
  responseMs?: number;
  message?: SentCoachingMessage;
}

async function runRound(pathName: Path, fixture: Fixture, url: string, server: Child<ToServer, FromServer>, receipts: Receipts, marker: string): Promise<Round> {
  const expected = fixture.agentIds.length;
  if (pathName === "coaching") {
    const body = `${marker}: keep the callbacks short, and thanks for today. ${randomUUID()}`;
    const sentAt = wallClock();
    const response = await fetch(`${url}/api/v1/coaching/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${fixture.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({ body, target: { kind: "group", groupKind: "team", groupId: fixture.teamId } }),
    });
    const responseMs = wallClock() - sentAt;
    if (response.status !== 201) {
      throw new Error(`sending failed: ${response.status} ${await response.text()}`);
    }
    const message = (await response.json()) as SentCoachingMessage;
    const received = await receipts.all(message.id, expected);
    return { path: pathName, latencies: received.map((at) => at - sentAt), missing: expected - received.length, responseMs, message };
  }
  const messageId = randomUUID();
  const sentAt = wallClock();
  server.send({ type: "broadcast", to: pathName, teamId: fixture.teamId, messageId, body: `${marker}: keep the callbacks short, and thanks for today. ${randomUUID()}` });
  const received = await receipts.all(messageId, expected);
  return { path: pathName, latencies: received.map((at) => at - sentAt), missing: expected - received.length };
}

async function benchOn(kind: Kind, size: Size): Promise<void> {
  const started = wallClock();
  const target = await prepare(kind, size);
  const label = kind === "postgres" ? "PostgreSQL" : "PGlite (embedded in the server process)";
  console.log(`coaching on ${label}: one team of ${size.agents} agents, ${size.rounds} rounds, seeded in ${((wallClock() - started) / 1000).toFixed(1)} s`);
  const receipts = new Receipts();
  const server = new Child<ToServer, FromServer>("bench/coaching-server.ts", { ...target.environment, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "warn" }, () => undefined);
  const agents = new Child<ToAgents, FromAgents>("bench/coaching-agents.ts", {}, (message) => {
    if (message.type === "batch") {
      receipts.add(message.receipts);
    }
  });
  try {
    const url = await serverUrl(server);
    server.send({ type: "rooms", agentIds: target.fixture.agentIds });
    const connecting = agents.next("connected");
    agents.send({ type: "start", url, tokens: target.fixture.agentTokens });
    const connected = await connecting;
    await waitForLiveAgents(url, target.fixture.adminToken, size.agents);
    console.log(`  agents' process: ${connected.connected} sockets connected in ${connected.seconds.toFixed(1)} s (${connected.failed} failed), all ${size.agents} live and ready`);
    const marker = `bench ${randomUUID().slice(0, 8)}`;
    // Warm-up, not counted: each path once.
    for (const pathName of ["team-room", "user-rooms", "coaching"] as const) {
      await runRound(pathName, target.fixture, url, server, receipts, `${marker} warm-up`);
    }
    const rounds: Round[] = [];
    for (let round = 0; round < size.rounds; round += 1) {
      for (const pathName of ["team-room", "user-rooms", "coaching"] as const) {
        rounds.push(await runRound(pathName, target.fixture, url, server, receipts, marker));
      }
    }
    const stored = await verifyStored(url, target, rounds, marker);
    const finalReport = agents.next("final");
    agents.send({ type: "finish" });
    const report = await finalReport;
    print(kind, size, rounds, stored, report);
  } finally {
    await agents.stop().catch(() => undefined);
    await server.stop();
    await target.close();
  }
}

interface Stored {
  messages: number;
  /** Messages whose log says every agent has a copy, delivered. */
  complete: number;
  /** PostgreSQL: the copies counted in coaching_recipients, per message. */
  counted: number[];
}

async function verifyStored(url: string, target: Target, rounds: readonly Round[], marker: string): Promise<Stored> {
  const sent = rounds.flatMap((round) => (round.message ? [round.message] : []));
  const log = (await (await fetch(`${url}/api/v1/coaching/log?text=${encodeURIComponent(marker)}&pageSize=200`, { headers: { authorization: `Bearer ${target.fixture.adminToken}` } })).json()) as Page<CoachingLogEntry>;
  const byId = new Map(log.items.map((entry) => [entry.id, entry]));
  const agents = target.fixture.agentIds.length;
  const complete = sent.filter((message) => byId.get(message.id)?.recipientCount === agents && byId.get(message.id)?.deliveredCount === agents).length;
  const countCopies = target.storedCopies;
  const counted = countCopies ? await Promise.all(sent.map((message) => countCopies(message.id))) : [];
  return { messages: sent.length, complete, counted };
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

function print(kind: Kind, size: Size, rounds: readonly Round[], stored: Stored, report: Extract<FromAgents, { type: "final" }>): void {
  const of = (pathName: Path) => rounds.filter((round) => round.path === pathName);
  const line = (pathName: Path, label: string) => {
    const latencies = of(pathName).flatMap((round) => round.latencies);
    const missing = of(pathName).reduce((sum, round) => sum + round.missing, 0);
    const lastSocket = of(pathName).map((round) => Math.max(...round.latencies));
    console.log(`  ${label}: p50 ${ms(percentile(latencies, 0.5))}  p99 ${ms(percentile(latencies, 0.99))}  max ${ms(percentile(latencies, 1))}  last socket per round p50 ${ms(percentile(lastSocket, 0.5))}  (${latencies.length} receipts, ${missing} missing)`);
    return percentile(latencies, 0.99);
  };
  console.log(`  send → each of the ${size.agents} sockets receiving it, over ${size.rounds} rounds:`);
  const coachingP99 = line("coaching", "coaching message (POST → socket)");
  const bareP99 = line("team-room", "bare broadcast, team room (IPC → emit → socket)");
  line("user-rooms", "bare broadcast, the agents' own rooms (IPC → emit → socket)");
  const responses = of("coaching").map((round) => round.responseMs ?? Number.NaN);
  console.log(`  POST /api/v1/coaching/messages → 201: p50 ${ms(percentile(responses, 0.5))}  max ${ms(percentile(responses, 1))};  agents' process event-loop delay p99 ${ms(report.eventLoopDelayP99Ms)}, ${report.disconnects} sockets dropped`);
  const counted = stored.counted.length > 0 ? `; coaching_recipients counted ${stored.counted.filter((copies) => copies === size.agents).length} of ${stored.messages} messages at ${size.agents} copies` : "";
  console.log(`  stored: ${stored.complete} of ${stored.messages} messages with all ${size.agents} copies stored and delivered (the log's counts)${counted}`);
  const ratio = coachingP99 / bareP99;
  const within = kind === "postgres" ? `, < 1 s: ${coachingP99 < 1000 ? "met" : "missed"}` : "";
  console.log(`  p99 coaching ÷ p99 bare team-room broadcast: ${ratio.toFixed(2)} (target ≤ 2: ${ratio <= 2 ? "met" : "missed"}${within})`);
}
