import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Db, type DatabaseHandle } from "../server/db/database.ts";
import { migrateToLatest } from "../server/db/migrator.ts";
import { spawnServer, stopServer } from "../server/test/server-process.ts";
import { createPostgresDatabase } from "../server/test/test-database.ts";
import { pgbenchSkipSomeUpdatesTps } from "./reference.ts";
import type { AgentsReport, FromAgents } from "./routing-agents.ts";
import { checkAllInvariants, INVARIANT_COUNT, seedRouting, type RoutingFixture, type Violation } from "./routing-database.ts";
import { wallClock } from "./routing-http.ts";
import {
  AgentsProcess,
  assignmentsBetween,
  assignmentsPerSecond,
  collectServerErrors,
  Customers,
  floodArrivals,
  InvariantSampler,
  newPhase,
  openLoop,
  unassigned,
  UsageMeter,
  waitFor,
  waitForConnectedAgents,
  waitForIdleProcess,
  type Phase,
} from "./routing-load.ts";
interface Size {
  agents: number;
  queues: number;
  /** Open-loop arrivals per second, for `openLoopSeconds`. */
  rate: number;
  openLoopSeconds: number;
  floodSeconds: number;
  pgbenchSeconds: number;
}

const FULL: Size = { agents: 2_000, queues: 50, rate: 200, openLoopSeconds: 60, floodSeconds: 15, pgbenchSeconds: 10 };
const QUICK: Size = { agents: 200, queues: 10, rate: 40, openLoopSeconds: 10, floodSeconds: 5, pgbenchSeconds: 5 };
const PGBENCH_CLIENTS = 8;
const WARM_UP_RATE = 5;
const floodBacklog = (size: Size) => size.agents / 4;

/**
 * The routing engine under load (issue 4): agents connected over Socket.IO from a process of their own, customers
 * arriving open-loop on open-channel entry points, agents accepting and closing. Measures arrival (request sent) →
 * offer on an agent's socket, the saturation throughput in assignments/s, the invariants, and pgbench -N on the
 * same PostgreSQL server in the same run. `--quick`: a smaller smoke run; `--database=postgres|pglite`: one only;
 * `--rate=N`: another open-loop rate (arrivals per second); `--seconds=N`: another open-loop duration.
 */
export async function benchRouting(): Promise<void> {
  const rate = Number(/^--rate=(\d+)$/.exec(process.argv.find((argument) => argument.startsWith("--rate=")) ?? "")?.[1] ?? 0);
  const openLoopSeconds = Number(/^--seconds=(\d+)$/.exec(process.argv.find((argument) => argument.startsWith("--seconds=")) ?? "")?.[1] ?? 0);
  const size = { ...(process.argv.includes("--quick") ? QUICK : FULL), ...(rate > 0 ? { rate } : {}), ...(openLoopSeconds > 0 ? { openLoopSeconds } : {}) };
  const only = /^--database=(postgres|pglite)$/.exec(process.argv.find((argument) => argument.startsWith("--database=")) ?? "")?.[1];
  for (const kind of ["postgres", "pglite"] as const) {
    if (!only || only === kind) {
      await benchOn(kind, size);
    }
  }
}

interface Target {
  fixture: RoutingFixture;
  environment: Record<string, string>;
  /** Open while the server runs (PostgreSQL): invariants sampled live. */
  live: Db | undefined;
  /** The database once the server stopped, for the final checks. */
  afterwards(): Promise<DatabaseHandle>;
  pgbenchTps(seconds: number): Promise<number>;
  close(): Promise<void>;
}

async function postgresTarget(size: Size): Promise<Target> {
  const database = await createPostgresDatabase();
  await migrateToLatest(database.db);
  const fixture = await seedRouting(database.db, size);
  return {
    fixture,
    environment: { DATABASE_URL: database.url },
    live: database.db,
    afterwards: async () => ({ ...database, close: async () => undefined }),
    pgbenchTps: (seconds) => pgbenchSkipSomeUpdatesTps(database.url, PGBENCH_CLIENTS, seconds),
    close: () => database.close(),
  };
}

async function pgliteTarget(size: Size): Promise<Target> {
  const directory = await mkdtemp(path.join(os.tmpdir(), "switchboard-routing-bench-"));
  const seeding = await openDatabase({ dataDirectory: directory });
  await migrateToLatest(seeding.db);
  const fixture = await seedRouting(seeding.db, size);
  await seeding.close();
  return {
    fixture,
    // An empty DATABASE_URL counts as unset: the server opens the embedded database in its own process.
    environment: { DATABASE_URL: "", SWITCHBOARD_DATA_DIR: directory },
    live: undefined,
    afterwards: () => openDatabase({ dataDirectory: directory }),
    pgbenchTps: async (seconds) => {
      const reference = await createPostgresDatabase();
      try {
        return await pgbenchSkipSomeUpdatesTps(reference.url, PGBENCH_CLIENTS, seconds);
      } finally {
        await reference.close();
      }
    },
    close: () => rm(directory, { recursive: true, force: true }),
  };
}

async function benchOn(kind: "postgres" | "pglite", size: Size): Promise<void> {
  const seeding = wallClock();
  const target = kind === "postgres" ? await postgresTarget(size) : await pgliteTarget(size);
  const label = kind === "postgres" ? "PostgreSQL" : "PGlite (embedded in the server process)";
  console.log(`routing on ${label}: ${size.agents} agents, ${size.queues} open-channel queues (half ring-all, half one at a time), seeded in ${seconds(wallClock() - seeding)} s`);
  try {
    const server = await spawnServer({ ...target.environment, OPEN_CHANNEL_RATE_LIMIT: "100000", LOG_LEVEL: "warn" });
    const serverErrors = server.child.stdout ? collectServerErrors(server.child.stdout) : new Map<string, number>();
    const agents = new AgentsProcess();
    let result: RunResult;
    try {
      const meter = new UsageMeter(server.child.pid ?? 0, agents.pid, target.live);
      result = await runLoad(server.url, target, agents, meter, size);
    } finally {
      agents.kill();
      await stopServer(server);
    }
    const final = await target.afterwards();
    const violations = await checkAllInvariants(final.db, target.fixture.maxOpenTabs).finally(() => final.close());
    const pgbench = await target.pgbenchTps(size.pgbenchSeconds);
    print(kind, size, result, violations, pgbench);
    const logged = [...serverErrors].sort((left, right) => right[1] - left[1]);
    console.log(`  server errors logged: ${logged.length === 0 ? "none" : logged.slice(0, 5).map(([message, count]) => `${count} × ${message}`).join("; ")}`);
  } finally {
    await target.close();
  }
}

interface RunResult {
  connected: Extract<FromAgents, { type: "connected" }>;
  openLoop: Phase;
  flood: Phase;
  floodAssignmentsPerSecond: number;
  openLoopAssignmentsPerSecond: number;
  /** What the agents' process saw: offers, accepts, closes. */
  agents: AgentsProcess;
  customers: Customers;
  liveSamples: number;
  liveViolations: Violation[];
  agentsReport: AgentsReport;
  /** Flood arrivals still unassigned when the open loop started (the engine did not drain its backlog in 30 s). */
  leftBeforeOpenLoop: number;
  /** Answered arrivals never accepted, and accepted interactions never closed, when the bench stopped waiting. */
  unassigned: number;
  unclosed: number;
}

async function runLoad(url: string, target: Target, agents: AgentsProcess, meter: UsageMeter, size: Size): Promise<RunResult> {
  const connected = await agents.start(url, target.fixture);
  await waitForConnectedAgents(url, target.fixture.adminToken, size.agents);
  await waitForIdleProcess(meter.serverPid, 60_000);
  const sampler = target.live ? new InvariantSampler(target.live, target.fixture.maxOpenTabs) : undefined;
  const customers = new Customers(url, target.fixture.entryPoints);
  const settled = () => unassigned(customers, agents) === 0 && agents.closed >= agents.accepted.size;
  await openLoop(customers, WARM_UP_RATE, 2, newPhase());
  await waitFor(settled, 10_000);
  // Saturation first: the flood bounds its own backlog, so the open loop starts on a settled engine whatever its rate.
  const measured = await meter.measure(() => floodArrivals(customers, agents, size.floodSeconds, floodBacklog(size)));
  const flood = { ...measured.result, usage: measured.usage };
  await waitFor(settled, 30_000);
  const leftBeforeOpenLoop = unassigned(customers, agents);
  const openLoopPhase = newPhase();
  openLoopPhase.usage = (await meter.measure(() => openLoop(customers, size.rate, size.openLoopSeconds, openLoopPhase))).usage;
  await waitFor(settled, 30_000);
  const liveViolations = (await sampler?.stop()) ?? [];
  return {
    connected,
    openLoop: openLoopPhase,
    flood,
    floodAssignmentsPerSecond: assignmentsPerSecond(agents, flood, Math.min(2, size.floodSeconds / 5)),
    openLoopAssignmentsPerSecond: assignmentsPerSecond(agents, openLoopPhase, 0),
    agents,
    customers,
    liveSamples: sampler?.samples ?? 0,
    liveViolations,
    agentsReport: await agents.finish(),
    leftBeforeOpenLoop,
    unassigned: unassigned(customers, agents),
    unclosed: agents.accepted.size - agents.closed,
  };
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

const seconds = (milliseconds: number) => (milliseconds / 1000).toFixed(1);
const ms = (value: number) => `${value.toFixed(1)} ms`;

function offerLatencies(phase: Phase, result: RunResult): { first: number[]; every: number[]; notOffered: number } {
  const first: number[] = [];
  const every: number[] = [];
  let notOffered = 0;
  for (const interactionId of phase.interactionIds) {
    const sentAt = result.customers.sentAt.get(interactionId) ?? Number.NaN;
    const receipts = result.agents.offers.get(interactionId);
    if (!receipts) {
      notOffered += 1;
      continue;
    }
    first.push(Math.min(...receipts) - sentAt);
    every.push(...receipts.map((at) => at - sentAt));
  }
  return { first, every, notOffered };
}

function print(kind: "postgres" | "pglite", size: Size, result: RunResult, violations: Violation[], pgbench: number): void {
  const latency = offerLatencies(result.openLoop, result);
  const p99 = percentile(latency.first, 0.99);
  const ratio = result.floodAssignmentsPerSecond / pgbench;
  const report = result.agentsReport;
  const clientViolations = report.overCapacity + report.overTabLimit;
  const total = violations.reduce((sum, violation) => sum + violation.count, 0) + result.liveViolations.reduce((sum, violation) => sum + violation.count, 0) + clientViolations;
  console.log(`  agents' process: ${result.connected.connected} sockets connected in ${result.connected.seconds.toFixed(1)} s (${result.connected.failed} failed), ${report.disconnects} dropped during the run`);
  console.log(`  saturation, ${size.floodSeconds} s flood (backlog ≤ ${floodBacklog(size)}): ${result.floodAssignmentsPerSecond.toFixed(0)} assignments/s  (${result.flood.interactionIds.length} arrivals)`);
  console.log(`  open loop, ${size.rate}/s for ${size.openLoopSeconds} s: ${result.openLoop.interactionIds.length} arrivals answered, ${result.openLoopAssignmentsPerSecond.toFixed(0)} assignments/s${result.leftBeforeOpenLoop > 0 ? ` (started with ${result.leftBeforeOpenLoop} flood arrivals still unassigned)` : ""}`);
  console.log(`    arrival (request sent) → first offer on an agent's socket: p50 ${ms(percentile(latency.first, 0.5))}  p99 ${ms(p99)}  max ${ms(percentile(latency.first, 1))}  (${latency.notOffered} never offered)`);
  console.log(`    → every offer (ring-all alerts all ${size.agents / size.queues} members): p50 ${ms(percentile(latency.every, 0.5))}  p99 ${ms(percentile(latency.every, 0.99))}  (${latency.every.length} offers)`);
  console.log(`    POST …/messages → 202: p50 ${ms(percentile(result.openLoop.responseMs, 0.5))}  p99 ${ms(percentile(result.openLoop.responseMs, 0.99))};  generator late p99 ${ms(percentile(result.openLoop.lateMs, 0.99))}`);
  console.log(`  resources: ${usageLine("open loop", result.openLoop, result.agents)};  ${usageLine("flood", result.flood, result.agents)};  agents' process event-loop delay p99 ${ms(report.eventLoopDelayP99Ms)}`);
  console.log(`  failures: arrivals ${result.customers.failed} ${JSON.stringify(result.customers.failures)}  accepts ${JSON.stringify(report.acceptStatuses)}  closes ${JSON.stringify(report.closeStatuses)}  left when the bench stopped waiting: ${result.unassigned} unassigned, ${result.unclosed} not closed`);
  console.log(`  invariant violations: ${total}  (${INVARIANT_COUNT} SQL checks at the end${kind === "postgres" ? ` and ${result.liveSamples} live snapshots` : ""}; client-side capacity ${report.overCapacity}, tab limit ${report.overTabLimit}, most held by one agent ${report.maxHeld})`);
  for (const violation of [...result.liveViolations.map((found) => ({ ...found, invariant: `live: ${found.invariant}` })), ...violations]) {
    console.log(`    ${violation.invariant}: ${violation.count}`);
  }
  const where = kind === "postgres" ? "same database, same run" : "on the PostgreSQL server of DATABASE_URL, same run: PGlite has no pgbench";
  console.log(`  reference: pgbench -N ${pgbench.toFixed(0)} tps, ${PGBENCH_CLIENTS} clients (${where})`);
  console.log(`  ratio assignments/s ÷ pgbench tps: ${ratio.toFixed(2)} (target ≥ 0.3: ${ratio >= 0.3 ? "met" : "missed"});  p99 target < 50 ms: ${p99 < 50 ? "met" : "missed"}`);
}

function usageLine(label: string, phase: Phase, agents: AgentsProcess): string {
  const usage = phase.usage;
  if (!usage) {
    return `${label}: not measured`;
  }
  const elapsed = (usage.to - usage.from) / 1000;
  const assignments = assignmentsBetween(agents, usage.from, usage.to);
  const commits = usage.commits === undefined ? "" : `, PostgreSQL ${(usage.commits / Math.max(1, assignments)).toFixed(1)} commits per assignment`;
  return `${label}: server process ${percent(usage.serverCpuSeconds / elapsed)} of a core (${((usage.serverCpuSeconds * 1000) / Math.max(1, assignments)).toFixed(1)} ms CPU per assignment), agents' process ${percent(usage.agentsCpuSeconds / elapsed)}${commits}`;
}

const percent = (fraction: number) => `${(fraction * 100).toFixed(0)}%`;
