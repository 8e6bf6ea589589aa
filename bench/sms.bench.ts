import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { Agent, request } from "node:http";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import twilio from "twilio";
import type { Wallboard } from "../common/api/wallboard.ts";
import type { Db } from "../server/db/database.ts";
import { migrateToLatest } from "../server/db/migrator.ts";
import { generateSecret, hashSecret } from "../server/lib/secrets.ts";
import { API_TOKEN_PREFIX } from "../server/modules/auth/auth.service.ts";
import { spawnServer, stopServer } from "../server/test/server-process.ts";
import { createPostgresDatabase } from "../server/test/test-database.ts";
import { pgbenchSkipSomeUpdatesTps } from "./reference.ts";
import { wallClock } from "./routing-http.ts";
import type { FromAgents, SmsBenchAgent, ToAgents } from "./sms-agents.ts";

// `npm run bench -- sms` (issue 5, Speed): Twilio's inbound webhook, signed with the official package, posted open
// loop at 300 texts/s for 60 s to a server on PostgreSQL, from a pool of customers who each text several times
// (a first text starts a conversation that alerts the texting queue, ring-all; one agent accepts it; later texts
// reach the owner alone). 2% of the webhooks are delivered twice, as Twilio retries. Measures the webhook's response
// time, the time from the webhook leaving the bench to the text reaching an agent's socket (alert, new snippet, or
// message), and counts texts lost or stored twice in the database. pgbench -N on the same server, same run, as the
// reference. `--quick`: 50 texts/s for 10 s; `--rate=N`, `--seconds=N` change either.

interface Size {
  agents: number;
  rate: number;
  seconds: number;
  /** Customers texting; each sends about rate × seconds ÷ customers texts. */
  customers: number;
  pgbenchSeconds: number;
}

const FULL: Size = { agents: 25, rate: 300, seconds: 60, customers: 4_500, pgbenchSeconds: 10 };
const QUICK: Size = { agents: 10, rate: 50, seconds: 10, customers: 125, pgbenchSeconds: 5 };
const ACCOUNT_SID = `AC${"b2".repeat(16)}`;
const AUTH_TOKEN = "bench-auth-token";
const PUBLIC_URL = "https://switchboard.example.com";
const OUR_NUMBER = "+14155550100";
const PGBENCH_CLIENTS = 8;
/** One webhook in this many is delivered a second time, 500 ms later (Twilio retries a slow or failed answer). */
const RETRY_EVERY = 50;
const SETTLE_MS = 30_000;
const ROOT = path.resolve(import.meta.dirname, "..");
const connections = new Agent({ keepAlive: true, maxSockets: 256 });

function option(name: string): number | undefined {
  const value = new RegExp(`^--${name}=(\\d+)$`).exec(process.argv.find((argument) => argument.startsWith(`--${name}=`)) ?? "")?.[1];
  return value === undefined ? undefined : Number(value);
}

export async function benchSms(): Promise<void> {
  const base = process.argv.includes("--quick") ? QUICK : FULL;
  const rate = option("rate") ?? base.rate;
  const seconds = option("seconds") ?? base.seconds;
  // Customers text about four times each over the run, whatever its rate and length.
  const size: Size = { ...base, rate, seconds, customers: Math.max(1, Math.round((rate * seconds) / 4)) };
  const database = await createPostgresDatabase();
  try {
    await migrateToLatest(database.db);
    const fixture = await seed(database.db, size);
    console.log(`texting on PostgreSQL: ${size.agents} agents on one ring-all texting queue, ${size.customers} customers, ${size.rate} signed webhooks/s for ${size.seconds} s`);
    const server = await spawnServer({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? "10", TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_URL, LOG_LEVEL: "warn" });
    const agents = new AgentsProcess();
    let run: RunResult;
    try {
      await agents.start(server.url, fixture.agents);
      await waitForLiveAgents(server.url, fixture.adminToken, size.agents);
      run = await openLoop(server.url, agents, size);
    } finally {
      agents.stop();
      await stopServer(server);
    }
    const stored = await storedCounts(database.db, run);
    const pgbench = await pgbenchSkipSomeUpdatesTps(database.url, PGBENCH_CLIENTS, size.pgbenchSeconds);
    print(size, run, stored, agents, pgbench);
  } finally {
    await database.close();
  }
}

interface Fixture {
  agents: SmsBenchAgent[];
  adminToken: string;
}

async function seed(db: Db, size: Size): Promise<Fixture> {
  const users = await sql<{ id: string }>`
    insert into users (username, full_name, role, password_hash)
    select 'bench_texter_' || lpad(i::text, 4, '0'), 'Bench Texter ' || i, 'agent', 'not-a-hash' from generate_series(1, ${size.agents}) as i
    returning id`.execute(db);
  const agents = users.rows.map((row) => ({ id: row.id, token: generateSecret(API_TOKEN_PREFIX) }));
  const admin = await db.insertInto("users").values({ username: "bench_texting_admin", fullName: "Bench Admin", role: "admin", passwordHash: "not-a-hash" }).returning("id").executeTakeFirstOrThrow();
  const adminToken = generateSecret(API_TOKEN_PREFIX);
  const owners = [...agents, { id: admin.id, token: adminToken }];
  await sql`
    insert into api_tokens (user_id, name, token_hash, prefix)
    select id, 'texting bench', hash, 'sbt_bench' from unnest(${sql.val(owners.map((owner) => owner.id))}::uuid[], ${sql.val(owners.map((owner) => hashSecret(owner.token)))}::text[]) as t(id, hash)`.execute(db);
  await sql`insert into agent_presence (user_id, status) select id, 'ready' from unnest(${sql.val(agents.map((agent) => agent.id))}::uuid[]) as a(id)`.execute(db);
  const queue = await db.insertInto("queues").values({ name: "Bench texting", channel: "sms", strategy: "ring-all", timeoutSeconds: 14 * 24 * 3600 }).returning("id").executeTakeFirstOrThrow();
  await sql`insert into queue_members (queue_id, user_id) select ${queue.id}, id from unnest(${sql.val(agents.map((agent) => agent.id))}::uuid[]) as a(id)`.execute(db);
  const entryPoint = await db.insertInto("entryPoints").values({ name: "Bench SMS", channel: "sms", address: OUR_NUMBER }).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("entryPointQueues").values({ entryPointId: entryPoint.id, queueId: queue.id, position: 0 }).execute();
  await sql`analyze`.execute(db);
  return { agents, adminToken };
}

/** The agents' process (bench/sms-agents.ts) over IPC: receipts per MessageSid. */
class AgentsProcess {
  readonly receipts = new Map<string, number>();
  final: Extract<FromAgents, { type: "final" }> | undefined;
  private readonly child: ChildProcess;
  private readonly waiters = new Map<string, (message: FromAgents) => void>();

  constructor() {
    this.child = spawn(process.execPath, ["--import", "tsx", "bench/sms-agents.ts"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    this.child.on("message", (message: FromAgents) => {
      if (message.type === "batch") {
        for (const [sid, at] of message.receipts) {
          const earliest = this.receipts.get(sid);
          if (earliest === undefined || at < earliest) {
            this.receipts.set(sid, at);
          }
        }
      } else if (message.type === "final") {
        this.final = message;
      }
      this.waiters.get(message.type)?.(message);
    });
  }

  async start(url: string, agents: SmsBenchAgent[]): Promise<void> {
    const connected = this.next("connected");
    this.child.send({ type: "start", url, agents } satisfies ToAgents);
    const answer = (await connected) as Extract<FromAgents, { type: "connected" }>;
    if (answer.failed > 0) {
      throw new Error(`${answer.failed} agents could not connect`);
    }
  }

  async finish(): Promise<void> {
    const final = this.next("final");
    this.child.send({ type: "finish" } satisfies ToAgents);
    await final;
  }

  stop(): void {
    if (this.child.exitCode === null) {
      this.child.kill("SIGTERM");
    }
  }

  private next(type: FromAgents["type"]): Promise<FromAgents> {
    return new Promise((resolve) => this.waiters.set(type, resolve));
  }
}

async function waitForLiveAgents(url: string, adminToken: string, agents: number): Promise<void> {
  const deadline = wallClock() + 120_000;
  while (wallClock() < deadline) {
    const wallboard = (await (await fetch(`${url}/api/v1/wallboard`, { headers: { authorization: `Bearer ${adminToken}` } })).json()) as Wallboard;
    if (wallboard.agents.filter((agent) => agent.connected && agent.status === "ready").length >= agents) {
      return;
    }
    await sleep(250);
  }
  throw new Error("the agents did not all connect within 120 s");
}

interface Sent {
  sid: string;
  first: boolean;
  sentAt: number;
  status: number | null;
  responseMs: number;
}

interface RunResult {
  sent: Sent[];
  retries: { status: number | null; responseMs: number }[];
  lateMs: number[];
}

/** One signed webhook as Twilio posts it; resolves with the status and the time to the answer. */
function postWebhook(url: string, params: Record<string, string>): Promise<{ status: number | null; responseMs: number }> {
  const body = new URLSearchParams(params).toString();
  const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}/webhooks/twilio/sms`, params);
  const started = wallClock();
  return new Promise((resolve) => {
    const outgoing = request(
      `${url}/webhooks/twilio/sms`,
      { method: "POST", agent: connections, headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature, "content-length": Buffer.byteLength(body) } },
      (response) => {
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode ?? null, responseMs: wallClock() - started }));
      },
    );
    outgoing.setTimeout(30_000, () => outgoing.destroy());
    outgoing.on("error", () => resolve({ status: null, responseMs: wallClock() - started }));
    outgoing.end(body);
  });
}

function smsParams(index: number, size: Size, sid: string): Record<string, string> {
  const customer = index % size.customers;
  return {
    ToCountry: "US",
    SmsMessageSid: sid,
    NumMedia: "0",
    SmsSid: sid,
    SmsStatus: "received",
    Body: `Bench text ${index} ${sid}`,
    To: OUR_NUMBER,
    NumSegments: "1",
    MessageSid: sid,
    AccountSid: ACCOUNT_SID,
    From: `+1415${String(2_000_000 + customer).padStart(7, "0")}`,
    ApiVersion: "2010-04-01",
  };
}

/** Open loop: webhook i leaves at start + i / rate, whatever the answers to the earlier ones. */
async function openLoop(url: string, agents: AgentsProcess, size: Size): Promise<RunResult> {
  const total = size.rate * size.seconds;
  const sent: Sent[] = [];
  const retries: { status: number | null; responseMs: number }[] = [];
  const lateMs: number[] = [];
  const pending: Promise<void>[] = [];
  const start = wallClock() + 100;
  for (let index = 0; index < total; index += 1) {
    const due = start + (index * 1000) / size.rate;
    const wait = due - wallClock();
    if (wait > 1) {
      await sleep(wait);
    }
    lateMs.push(Math.max(0, wallClock() - due));
    const sid = `SM${randomBytes(16).toString("hex")}`;
    const params = smsParams(index, size, sid);
    const record: Sent = { sid, first: index < size.customers, sentAt: wallClock(), status: null, responseMs: Number.NaN };
    sent.push(record);
    pending.push(
      postWebhook(url, params).then((answer) => {
        record.status = answer.status;
        record.responseMs = answer.responseMs;
      }),
    );
    if (index % RETRY_EVERY === 7) {
      pending.push(
        sleep(500)
          .then(() => postWebhook(url, params))
          .then((answer) => {
            retries.push(answer);
          }),
      );
    }
  }
  await Promise.all(pending);
  const settleBy = wallClock() + SETTLE_MS;
  while (wallClock() < settleBy && sent.some((item) => item.status === 200 && !agents.receipts.has(item.sid))) {
    await sleep(100);
  }
  await agents.finish();
  return { sent, retries, lateMs };
}

interface Stored {
  /** Answered 200 but not in the database. */
  lost: number;
  /** Stored more than once (the unique MessageSid index forbids it; counted anyway). */
  duplicated: number;
  /** Customers with more than one open conversation at once. */
  splitConversations: number;
}

async function storedCounts(db: Db, run: RunResult): Promise<Stored> {
  const sids = run.sent.filter((item) => item.status === 200).map((item) => item.sid);
  const counts = await sql<{ externalId: string; copies: number }>`
    select external_id as "externalId", count(*)::int as copies from interaction_messages where external_id = any(${sql.val(sids)}::text[]) group by external_id`.execute(db);
  const copies = new Map(counts.rows.map((row) => [row.externalId, row.copies]));
  const split = await sql<{ customers: number }>`
    select count(*)::int as customers from (select customer_address from interactions where channel = 'sms' and state in ('queued', 'offered', 'active') group by customer_address having count(*) > 1) split`.execute(db);
  return {
    lost: sids.filter((sid) => !copies.has(sid)).length,
    duplicated: [...copies.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0),
    splitConversations: split.rows[0]?.customers ?? 0,
  };
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

function latencyLine(values: readonly number[]): string {
  return `p50 ${ms(percentile(values, 0.5))}  p95 ${ms(percentile(values, 0.95))}  p99 ${ms(percentile(values, 0.99))}  max ${ms(percentile(values, 1))}`;
}

function print(size: Size, run: RunResult, stored: Stored, agents: AgentsProcess, pgbench: number): void {
  const answered = run.sent.filter((item) => item.status === 200);
  const failed = run.sent.length - answered.length;
  const statuses: Record<string, number> = {};
  for (const item of [...run.sent, ...run.retries]) {
    const key = String(item.status ?? "no answer");
    statuses[key] = (statuses[key] ?? 0) + 1;
  }
  const toAlert = (items: readonly Sent[]) => items.flatMap((item) => (agents.receipts.has(item.sid) ? [(agents.receipts.get(item.sid) ?? 0) - item.sentAt] : []));
  const firsts = answered.filter((item) => item.first);
  const later = answered.filter((item) => !item.first);
  const neverSeen = answered.filter((item) => !agents.receipts.has(item.sid)).length;
  const final = agents.final;
  console.log(`  webhooks: ${run.sent.length} sent (${firsts.length} first texts of a conversation), ${run.retries.length} delivered again as Twilio retries; answers ${JSON.stringify(statuses)}`);
  console.log(`  webhook → empty TwiML (committed): ${latencyLine(answered.map((item) => item.responseMs))}`);
  console.log(`  retried webhook → answer: ${latencyLine(run.retries.map((item) => item.responseMs))}`);
  console.log(`  webhook sent → text on an agent's socket, all: ${latencyLine(toAlert(answered))}  (${neverSeen} never seen)`);
  console.log(`    first texts (alert to the queue, ring-all): ${latencyLine(toAlert(firsts))}`);
  console.log(`    later texts (owner, or the alert's new snippet): ${latencyLine(toAlert(later))}`);
  console.log(`  texts lost: ${stored.lost + failed}  (answered 200 but not stored: ${stored.lost}; not answered 200: ${failed});  stored twice: ${stored.duplicated};  customers with two open conversations: ${stored.splitConversations}`);
  console.log(`  agents' process: accepts ${JSON.stringify(final?.acceptStatuses ?? {})}, ${final?.disconnects ?? 0} sockets dropped, event-loop delay p99 ${ms(final?.eventLoopDelayP99Ms ?? Number.NaN)};  generator late p99 ${ms(percentile(run.lateMs, 0.99))}`);
  console.log(`  reference: pgbench -N ${pgbench.toFixed(0)} tps, ${PGBENCH_CLIENTS} clients (same PostgreSQL server, same run);  texts/s ÷ pgbench tps: ${(size.rate / pgbench).toFixed(3)}`);
}
