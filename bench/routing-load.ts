import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import type { Wallboard } from "../common/api/wallboard.ts";
import type { Db } from "../server/db/database.ts";
import type { AgentsReport, FromAgents, ToAgents } from "./routing-agents.ts";
import { checkLiveInvariants, type RoutingFixture, type Violation } from "./routing-database.ts";
import { post, wallClock } from "./routing-http.ts";

// The routing benchmark's load (bench/routing.bench.ts): the agents' process, the customers' arrivals (open loop,
// then a flood), resource use and the live invariant checks.

// Agents take 0.25–1.5 s to click accept: among 40 alerted agents a few race for it, as people do.
const THINK_MS: [number, number] = [250, 1_500];
const HOLD_MS: [number, number] = [500, 2_000];
const FLOOD_CONNECTIONS = 64;
const REQUEST_TIMEOUT_MS = 30_000;
const CLOCK_TICKS_PER_SECOND = 100;
const ROOT = path.resolve(import.meta.dirname, "..");

/** The agents' process: one Socket.IO connection per agent (bench/routing-agents.ts). */
export class AgentsProcess {
  readonly offers = new Map<string, number[]>();
  readonly accepted = new Map<string, number>();
  closed = 0;
  private readonly child: ChildProcess;
  private readonly waiters = new Map<FromAgents["type"], (message: FromAgents) => void>();

  get pid(): number {
    return this.child.pid ?? 0;
  }

  constructor() {
    this.child = spawn(process.execPath, ["--import", "tsx", "bench/routing-agents.ts"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    this.child.on("message", (message: FromAgents) => this.receive(message));
  }

  async start(url: string, fixture: RoutingFixture): Promise<Extract<FromAgents, { type: "connected" }>> {
    const connected = this.next("connected");
    this.send({ type: "start", url, agents: fixture.agents, maxOpenTabs: fixture.maxOpenTabs, thinkMs: THINK_MS, holdMs: HOLD_MS });
    return connected;
  }

  async finish(): Promise<AgentsReport> {
    const final = this.next("final");
    this.send({ type: "finish" });
    return (await final).report;
  }

  kill(): void {
    if (this.child.exitCode === null) {
      this.child.kill();
    }
  }

  private send(message: ToAgents): void {
    this.child.send(message);
  }

  private next<Type extends FromAgents["type"]>(type: Type): Promise<Extract<FromAgents, { type: Type }>> {
    return new Promise((resolve, reject) => {
      this.waiters.set(type, (message) => resolve(message as Extract<FromAgents, { type: Type }>));
      this.child.once("exit", (code) => reject(new Error(`the agents' process exited with ${String(code)}`)));
    });
  }

  private receive(message: FromAgents): void {
    if (message.type === "batch") {
      for (const [interactionId, at] of message.offers) {
        const receipts = this.offers.get(interactionId);
        if (receipts) {
          receipts.push(at);
        } else {
          this.offers.set(interactionId, [at]);
        }
      }
      for (const [interactionId, at] of message.accepted) {
        this.accepted.set(interactionId, at);
      }
      this.closed += message.closed.length;
    }
    this.waiters.get(message.type)?.(message);
  }
}

export interface Phase {
  interactionIds: string[];
  /** The POST's own round trip (202 once the interaction is committed and routed). */
  responseMs: number[];
  /** How late the generator sent each open-loop arrival after its due time. */
  lateMs: number[];
  startedAt: number;
  endedAt: number;
  /** Used while the phase's arrivals were sent. */
  usage?: Usage;
}

export const newPhase = (): Phase => ({ interactionIds: [], responseMs: [], lateMs: [], startedAt: wallClock(), endedAt: 0 });

export interface Usage {
  /** The wall-clock span measured. */
  from: number;
  to: number;
  serverCpuSeconds: number;
  agentsCpuSeconds: number;
  /** PostgreSQL: transactions committed in the bench's database. */
  commits: number | undefined;
}

/** CPU time of the server's and the agents' processes (/proc), and PostgreSQL's commit count. */
export class UsageMeter {
  constructor(
    readonly serverPid: number,
    private readonly agentsPid: number,
    private readonly db: Db | undefined,
  ) {}

  async measure<Result>(work: () => Promise<Result>): Promise<{ result: Result; usage: Usage }> {
    const started = wallClock();
    const before = await this.snapshot();
    const result = await work();
    const after = await this.snapshot();
    const commits = before.commits === undefined || after.commits === undefined ? undefined : after.commits - before.commits;
    return { result, usage: { from: started, to: wallClock(), serverCpuSeconds: after.serverCpuSeconds - before.serverCpuSeconds, agentsCpuSeconds: after.agentsCpuSeconds - before.agentsCpuSeconds, commits } };
  }

  private async snapshot(): Promise<Usage> {
    const commits = this.db ? await sql<{ commits: number }>`select xact_commit::int as commits from pg_stat_database where datname = current_database()`.execute(this.db) : undefined;
    return { from: 0, to: 0, serverCpuSeconds: await cpuSeconds(this.serverPid), agentsCpuSeconds: await cpuSeconds(this.agentsPid), commits: commits?.rows[0]?.commits };
  }
}

/** The server's logged errors (its JSON log lines at level error and above), counted by message. */
export function collectServerErrors(output: Readable): Map<string, number> {
  const errors = new Map<string, number>();
  createInterface({ input: output }).on("line", (line) => {
    if (!line.startsWith("{")) {
      return;
    }
    const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
    if ((entry.level ?? 0) >= 50) {
      const key = `${entry.msg ?? ""}: ${entry.err?.message ?? ""}`;
      errors.set(key, (errors.get(key) ?? 0) + 1);
    }
  });
  return errors;
}

/** Waits until the process uses under a tenth of a core over a second (the connections' presence work is done). */
export async function waitForIdleProcess(processId: number, timeoutMs: number): Promise<void> {
  const deadline = wallClock() + timeoutMs;
  let before = await cpuSeconds(processId);
  while (wallClock() < deadline) {
    await sleep(1_000);
    const now = await cpuSeconds(processId);
    if (now - before < 0.1) {
      return;
    }
    before = now;
  }
}

async function cpuSeconds(processId: number): Promise<number> {
  const stat = await readFile(`/proc/${processId}/stat`, "utf8");
  // After "pid (name) ": state is field 3, utime and stime fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/** The customer-facing system: posts customers' first messages to the entry points, in turn. */
export class Customers {
  readonly sentAt = new Map<string, number>();
  sent = 0;
  failed = 0;
  inFlight = 0;
  readonly failures: Record<string, number> = {};

  constructor(
    private readonly url: string,
    private readonly entryPoints: RoutingFixture["entryPoints"],
  ) {}

  async arrive(phase: Phase): Promise<void> {
    const number = this.sent++;
    const entryPoint = this.entryPoints[number % this.entryPoints.length] as RoutingFixture["entryPoints"][number];
    const body = { conversationId: `bench-${number}`, customer: { id: `customer-${number}`, name: `Customer ${number}` }, body: "Hello, I need help with my order." };
    this.inFlight += 1;
    const sentAt = wallClock();
    try {
      const answer = await post(`${this.url}/api/v1/open-channel/${entryPoint.id}/messages`, { authorization: `Bearer ${entryPoint.inboundKey}` }, body, REQUEST_TIMEOUT_MS);
      const answered = (answer.body ?? {}) as { interactionId?: string; error?: { code?: string } };
      if (answer.status !== 202 || !answered.interactionId) {
        this.fail(`${answer.status} ${answered.error?.code ?? ""}`.trim());
        return;
      }
      this.sentAt.set(answered.interactionId, sentAt);
      phase.interactionIds.push(answered.interactionId);
      phase.responseMs.push(wallClock() - sentAt);
    } catch (error) {
      this.fail((error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error)));
    } finally {
      this.inFlight -= 1;
    }
  }

  private fail(reason: string): void {
    this.failed += 1;
    this.failures[reason] = (this.failures[reason] ?? 0) + 1;
  }
}

/** Arrivals at fixed intervals whatever happens to them (open loop); late ones leave at once and are counted. */
export async function openLoop(customers: Customers, rate: number, durationSeconds: number, phase: Phase): Promise<Phase> {
  const interval = 1000 / rate;
  const start = wallClock() + 10;
  const sending: Promise<void>[] = [];
  for (let index = 0; index < rate * durationSeconds; index += 1) {
    const due = start + index * interval;
    const wait = due - wallClock();
    if (wait >= 1) {
      await sleep(wait);
    }
    phase.lateMs.push(Math.max(0, wallClock() - due));
    sending.push(customers.arrive(phase));
  }
  phase.endedAt = wallClock();
  await Promise.all(sending);
  return phase;
}

/** As many arrivals as the engine assigns: the backlog of unassigned interactions is kept at `backlog`. */
export async function floodArrivals(customers: Customers, agents: AgentsProcess, durationSeconds: number, backlog: number): Promise<Phase> {
  const phase = newPhase();
  const end = phase.startedAt + durationSeconds * 1000;
  const sending = new Set<Promise<void>>();
  while (wallClock() < end) {
    const waiting = customers.sent - customers.failed - agents.accepted.size;
    if (waiting >= backlog || customers.inFlight >= FLOOD_CONNECTIONS) {
      await sleep(1);
      continue;
    }
    const arrival = customers.arrive(phase).finally(() => sending.delete(arrival));
    sending.add(arrival);
  }
  phase.endedAt = wallClock();
  await Promise.all(sending);
  return phase;
}

export function assignmentsPerSecond(agents: AgentsProcess, phase: Phase, skipSeconds: number): number {
  const from = phase.startedAt + skipSeconds * 1000;
  return assignmentsBetween(agents, from, phase.endedAt) / ((phase.endedAt - from) / 1000);
}

export function assignmentsBetween(agents: AgentsProcess, from: number, to: number): number {
  let count = 0;
  for (const at of agents.accepted.values()) {
    if (at >= from && at < to) {
      count += 1;
    }
  }
  return count;
}

export function unassigned(customers: Customers, agents: AgentsProcess): number {
  let count = 0;
  for (const interactionId of customers.sentAt.keys()) {
    if (!agents.accepted.has(interactionId)) {
      count += 1;
    }
  }
  return count;
}

export async function waitFor(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = wallClock() + timeoutMs;
  while (!done()) {
    if (wallClock() > deadline) {
      return false;
    }
    await sleep(50);
  }
  return true;
}

/** Every agent's socket counted by the presence module, as the supervisors' wallboard shows it. */
export async function waitForConnectedAgents(url: string, adminToken: string, agents: number): Promise<void> {
  const deadline = wallClock() + 120_000;
  let connected = 0;
  while (wallClock() < deadline) {
    const response = await fetch(`${url}/api/v1/wallboard`, { headers: { authorization: `Bearer ${adminToken}` } });
    const wallboard = (await response.json()) as Wallboard;
    connected = wallboard.agents.filter((agent) => agent.connected && agent.status === "ready").length;
    if (connected >= agents) {
      return;
    }
    await sleep(500);
  }
  throw new Error(`only ${connected} of ${agents} agents connected and ready after 120 s`);
}

/** PostgreSQL: the snapshot invariants, checked every second while the load runs. */
export class InvariantSampler {
  samples = 0;
  private readonly found = new Map<string, number>();
  private running: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly maxOpenTabs: number,
  ) {
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.sample());
    }, 1_000);
  }

  async stop(): Promise<Violation[]> {
    clearInterval(this.timer);
    await this.running;
    await this.sample();
    return [...this.found].map(([invariant, count]) => ({ invariant, count }));
  }

  private async sample(): Promise<void> {
    for (const violation of await checkLiveInvariants(this.db, this.maxOpenTabs)) {
      this.found.set(violation.invariant, Math.max(this.found.get(violation.invariant) ?? 0, violation.count));
    }
    this.samples += 1;
  }
}
