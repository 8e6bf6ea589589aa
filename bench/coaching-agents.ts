import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../common/events/catalogue.ts";
import { sendToParent, serveAgents } from "./agents-ipc.ts";

// The coaching benchmark's agents (bench/coaching.bench.ts): a process of its own holding every agent's Socket.IO
// connection, so messages cross a real socket into another process. Each socket records when a coaching message
// reaches it. Driven over the IPC channel of `node --import tsx bench/coaching-agents.ts`.

export type ToAgents = { type: "start"; url: string; tokens: string[] } | { type: "finish" };

export type FromAgents =
  | { type: "connected"; connected: number; failed: number; seconds: number }
  /** [message id, received at (ms since the epoch, sub-ms)], one per socket that received it. */
  | { type: "batch"; receipts: [string, number][] }
  | { type: "final"; disconnects: number; eventLoopDelayP99Ms: number };

type AgentSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const CONNECT_CONCURRENCY = 50;
const FLUSH_MS = 20;

/** Wall-clock milliseconds with sub-millisecond resolution; every process of the bench reads the same clock. */
export const wallClock = () => performance.timeOrigin + performance.now();

class Agents {
  private readonly sockets: AgentSocket[] = [];
  private receipts: [string, number][] = [];
  private disconnects = 0;
  private finishing = false;
  private readonly flusher = setInterval(() => this.flush(), FLUSH_MS);
  private readonly eventLoopDelay = monitorEventLoopDelay({ resolution: 5 });

  constructor(private readonly options: Extract<ToAgents, { type: "start" }>) {}

  async connectAll(): Promise<void> {
    const started = wallClock();
    let next = 0;
    let failed = 0;
    const connectLoop = async () => {
      while (next < this.options.tokens.length) {
        const token = this.options.tokens[next++] ?? "";
        await this.connect(token).catch(() => (failed += 1));
      }
    };
    await Promise.all(Array.from({ length: CONNECT_CONCURRENCY }, connectLoop));
    this.eventLoopDelay.enable();
    await send({ type: "connected", connected: this.sockets.length, failed, seconds: (wallClock() - started) / 1000 });
  }

  async finish(): Promise<void> {
    this.finishing = true;
    for (const socket of this.sockets) {
      socket.disconnect();
    }
    clearInterval(this.flusher);
    this.flush();
    this.eventLoopDelay.disable();
    await send({ type: "final", disconnects: this.disconnects, eventLoopDelayP99Ms: this.eventLoopDelay.percentile(99) / 1e6 });
  }

  private async connect(token: string): Promise<void> {
    const socket: AgentSocket = io(this.options.url, { transports: ["websocket"], auth: { token }, forceNew: true, reconnectionDelay: 200 });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", (error) => reject(error));
    });
    this.sockets.push(socket);
    socket.on("disconnect", () => {
      if (!this.finishing) {
        this.disconnects += 1;
      }
    });
    socket.on("coaching_message.delivered", (payload) => {
      const at = wallClock();
      for (const message of payload.messages) {
        this.receipts.push([message.id, at]);
      }
    });
  }

  private flush(): void {
    if (this.receipts.length === 0) {
      return;
    }
    void send({ type: "batch", receipts: this.receipts });
    this.receipts = [];
  }
}

const send = (message: FromAgents): Promise<void> => sendToParent(message);

serveAgents((start: Extract<ToAgents, { type: "start" }>) => new Agents(start));
