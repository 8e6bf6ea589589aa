import { monitorEventLoopDelay } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, EventPayload, ServerToClientEvents } from "../common/events/catalogue.ts";
import { post, wallClock } from "./routing-http.ts";
import { sendToParent, serveAgents } from "./agents-ipc.ts";

// The routing benchmark's agents (bench/routing.bench.ts): a process of its own holding every agent's Socket.IO
// connection, so the offers cross a real socket into another process. Each agent records when an offer reaches
// its socket, accepts it after a short think time (unless it was withdrawn meanwhile), holds it, and closes it.
// Driven over the IPC channel of `node --import tsx bench/routing-agents.ts`.

export interface BenchAgent {
  id: string;
  token: string;
  /** The agent's capacity on the channel; null: the channel's default (unlimited in the bench). */
  capacity: number | null;
}

export type ToAgents =
  | { type: "start"; url: string; agents: BenchAgent[]; maxOpenTabs: number; thinkMs: [number, number]; holdMs: [number, number] }
  | { type: "finish" };

export interface AgentsReport {
  acceptStatuses: Record<string, number>;
  closeStatuses: Record<string, number>;
  /** Seen from the client: between the accept's 200 and the close request, the agent holds the interaction. */
  overCapacity: number;
  overTabLimit: number;
  maxHeld: number;
  disconnects: number;
  /** This process's own event-loop delay, p99 (ms): how late it may have seen an offer. */
  eventLoopDelayP99Ms: number;
}

export type FromAgents =
  | { type: "connected"; connected: number; failed: number; seconds: number }
  /** Offers: [interactionId, received at (ms since the epoch, sub-ms)]; accepted and closed: [interactionId, at]. */
  | { type: "batch"; offers: [string, number][]; accepted: [string, number][]; closed: [string, number][] }
  | { type: "final"; report: AgentsReport };

type AgentSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const CONNECT_CONCURRENCY = 50;
const FLUSH_MS = 50;
const REQUEST_TIMEOUT_MS = 30_000;

const between = ([low, high]: [number, number]) => low + Math.random() * (high - low);

class Agents {
  private readonly sockets: AgentSocket[] = [];
  /** What each agent holds, as the server's answers say: interaction ids (an accept answered twice counts once). */
  private readonly held = new Map<string, Set<string>>();
  /** Offers waiting for the agent's think time, by agent and interaction: withdrawing one cancels its accept. */
  private readonly thinking = new Map<string, NodeJS.Timeout>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private batch: Extract<FromAgents, { type: "batch" }> = { type: "batch", offers: [], accepted: [], closed: [] };
  private readonly report: AgentsReport = { acceptStatuses: {}, closeStatuses: {}, overCapacity: 0, overTabLimit: 0, maxHeld: 0, disconnects: 0, eventLoopDelayP99Ms: 0 };
  private readonly flusher = setInterval(() => this.flush(), FLUSH_MS);
  private readonly eventLoopDelay = monitorEventLoopDelay({ resolution: 5 });
  private finishing = false;

  constructor(private readonly options: Extract<ToAgents, { type: "start" }>) {}

  async connectAll(): Promise<void> {
    const started = wallClock();
    let next = 0;
    let failed = 0;
    const connectLoop = async () => {
      while (next < this.options.agents.length) {
        const agent = this.options.agents[next++] as BenchAgent;
        await this.connect(agent).catch(() => (failed += 1));
      }
    };
    await Promise.all(Array.from({ length: CONNECT_CONCURRENCY }, connectLoop));
    this.eventLoopDelay.enable();
    await send({ type: "connected", connected: this.sockets.length, failed, seconds: (wallClock() - started) / 1000 });
  }

  async finish(): Promise<void> {
    this.finishing = true;
    for (const timer of [...this.thinking.values(), ...this.timers]) {
      clearTimeout(timer);
    }
    for (const socket of this.sockets) {
      socket.disconnect();
    }
    clearInterval(this.flusher);
    this.flush();
    this.eventLoopDelay.disable();
    this.report.eventLoopDelayP99Ms = this.eventLoopDelay.percentile(99) / 1e6;
    await send({ type: "final", report: this.report });
  }

  private async connect(agent: BenchAgent): Promise<void> {
    const socket: AgentSocket = io(this.options.url, { transports: ["websocket"], auth: { token: agent.token }, forceNew: true, reconnectionDelay: 200 });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", (error) => reject(error));
    });
    this.sockets.push(socket);
    socket.on("disconnect", () => {
      if (!this.finishing) {
        this.report.disconnects += 1;
      }
    });
    socket.on("offer.created", (payload) => this.offered(agent, payload));
    socket.on("offer.withdrawn", (payload) => this.withdrawn(agent, payload));
  }

  private offered(agent: BenchAgent, payload: EventPayload<"offer.created">): void {
    this.batch.offers.push([payload.offer.interaction.id, wallClock()]);
    if (this.finishing) {
      return;
    }
    const offerId = `${agent.id}:${payload.offer.interaction.id}`;
    const timer = setTimeout(() => {
      this.thinking.delete(offerId);
      void this.accept(agent, payload.offer.interaction.id);
    }, between(this.options.thinkMs));
    this.thinking.set(offerId, timer);
  }

  private withdrawn(agent: BenchAgent, payload: EventPayload<"offer.withdrawn">): void {
    const offerId = `${agent.id}:${payload.interactionId}`;
    const timer = this.thinking.get(offerId);
    if (timer) {
      clearTimeout(timer);
      this.thinking.delete(offerId);
    }
  }

  private async accept(agent: BenchAgent, interactionId: string): Promise<void> {
    const status = await this.post(agent, `/api/v1/interactions/${interactionId}/accept`);
    count(this.report.acceptStatuses, status);
    if (status !== "200") {
      return;
    }
    this.batch.accepted.push([interactionId, wallClock()]);
    const holding = this.held.get(agent.id) ?? new Set<string>();
    if (holding.has(interactionId)) {
      return;
    }
    holding.add(interactionId);
    this.held.set(agent.id, holding);
    const held = holding.size;
    this.report.maxHeld = Math.max(this.report.maxHeld, held);
    if (agent.capacity !== null && agent.capacity > 0 && held > agent.capacity) {
      this.report.overCapacity += 1;
    }
    if (this.options.maxOpenTabs > 0 && held > this.options.maxOpenTabs) {
      this.report.overTabLimit += 1;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.close(agent, interactionId);
    }, between(this.options.holdMs));
    this.timers.add(timer);
  }

  private async close(agent: BenchAgent, interactionId: string): Promise<void> {
    // Released before the request leaves: the client never counts a slot the server may already have freed.
    this.held.get(agent.id)?.delete(interactionId);
    const status = await this.post(agent, `/api/v1/interactions/${interactionId}/close`);
    count(this.report.closeStatuses, status);
    this.batch.closed.push([interactionId, wallClock()]);
  }

  private async post(agent: BenchAgent, path: string): Promise<string> {
    try {
      const answer = await post(`${this.options.url}${path}`, { authorization: `Bearer ${agent.token}` }, undefined, REQUEST_TIMEOUT_MS);
      const body = answer.body as { error?: { code?: string } } | null;
      return answer.status < 300 ? String(answer.status) : `${answer.status} ${body?.error?.code ?? ""}`.trim();
    } catch (error) {
      return `network ${(error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error))}`;
    }
  }

  private flush(): void {
    if (this.batch.offers.length + this.batch.accepted.length + this.batch.closed.length === 0) {
      return;
    }
    void send(this.batch);
    this.batch = { type: "batch", offers: [], accepted: [], closed: [] };
  }
}

function count(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

const send = (message: FromAgents): Promise<void> => sendToParent(message);

serveAgents((start: Extract<ToAgents, { type: "start" }>) => new Agents(start));
