import { monitorEventLoopDelay } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../common/events/catalogue.ts";
import { post, wallClock } from "./routing-http.ts";
import { sendToParent, serveAgents } from "./agents-ipc.ts";

// The texting benchmark's agents (bench/sms.bench.ts): a process of its own holding every agent's Socket.IO
// connection. Each socket records when a customer's text reaches it: an alert for a new conversation
// (offer.created), the new snippet on an alert (interaction.updated), or the message in an owned conversation
// (interaction.message_added); the text carries its MessageSid. One agent per conversation (by its id) accepts the
// alert, as a team would: later texts then reach that owner alone. Driven over the IPC channel.

export interface SmsBenchAgent {
  id: string;
  token: string;
}

export type ToAgents = { type: "start"; url: string; agents: SmsBenchAgent[] } | { type: "finish" };

export type FromAgents =
  | { type: "connected"; connected: number; failed: number }
  /** [MessageSid, received at (ms since the epoch, sub-ms)]: every socket that saw the text. */
  | { type: "batch"; receipts: [string, number][] }
  | { type: "final"; acceptStatuses: Record<string, number>; disconnects: number; eventLoopDelayP99Ms: number };

type AgentSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const MESSAGE_SID = /SM[0-9a-f]{32}/u;
const FLUSH_MS = 25;

function owningAgent(interactionId: string, agents: number): number {
  let hash = 0;
  for (const character of interactionId) {
    hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  }
  return hash % agents;
}

class Agents {
  private readonly sockets: AgentSocket[] = [];
  private receipts: [string, number][] = [];
  private readonly acceptStatuses: Record<string, number> = {};
  private disconnects = 0;
  private finishing = false;
  private readonly flusher = setInterval(() => this.flush(), FLUSH_MS);
  private readonly eventLoopDelay = monitorEventLoopDelay({ resolution: 5 });

  constructor(private readonly options: Extract<ToAgents, { type: "start" }>) {}

  async connectAll(): Promise<void> {
    let failed = 0;
    await Promise.all(this.options.agents.map((agent, index) => this.connect(agent, index).catch(() => (failed += 1))));
    this.eventLoopDelay.enable();
    await send({ type: "connected", connected: this.sockets.length, failed });
  }

  async finish(): Promise<void> {
    this.finishing = true;
    for (const socket of this.sockets) {
      socket.disconnect();
    }
    clearInterval(this.flusher);
    this.flush();
    this.eventLoopDelay.disable();
    await send({ type: "final", acceptStatuses: this.acceptStatuses, disconnects: this.disconnects, eventLoopDelayP99Ms: this.eventLoopDelay.percentile(99) / 1e6 });
  }

  private async connect(agent: SmsBenchAgent, index: number): Promise<void> {
    const socket: AgentSocket = io(this.options.url, { transports: ["websocket"], auth: { token: agent.token }, forceNew: true, reconnectionDelay: 200 });
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
    const record = (text: string | null) => {
      const sid = text ? MESSAGE_SID.exec(text)?.[0] : undefined;
      if (sid) {
        this.receipts.push([sid, wallClock()]);
      }
    };
    socket.on("offer.created", ({ offer }) => {
      record(offer.interaction.snippet);
      if (owningAgent(offer.interaction.id, this.options.agents.length) === index) {
        void this.accept(agent, offer.interaction.id);
      }
    });
    socket.on("interaction.updated", ({ interaction }) => record(interaction.snippet));
    socket.on("interaction.message_added", ({ message }) => {
      if (message.direction === "inbound") {
        record(message.body);
      }
    });
  }

  private async accept(agent: SmsBenchAgent, interactionId: string): Promise<void> {
    const status = await post(`${this.options.url}/api/v1/interactions/${interactionId}/accept`, { authorization: `Bearer ${agent.token}` }, undefined, 30_000)
      .then((answer) => String(answer.status))
      .catch((error: unknown) => (error instanceof Error ? error.message : "error"));
    this.acceptStatuses[status] = (this.acceptStatuses[status] ?? 0) + 1;
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
