import type { FastifyBaseLogger } from "fastify";
import type { Db } from "../../db/database.ts";
import type { Principal } from "../auth/principal.ts";
import { endLapsedLeases, renewLeases, shortenLease } from "./presence.repository.ts";
import type { PresenceService } from "./presence.service.ts";

export interface PresenceConnectionsOptions {
  db: Db;
  presence: PresenceService;
  logger: FastifyBaseLogger;
  heartbeatSeconds: number;
}

/**
 * Presence held by the desktop's connection (issue 4, Presence): each process counts its own sockets per user
 * and, every heartbeat, renews the leases of all of them in one statement, then claims the leases that ran out
 * (on any process: a crashed one's users too), once across processes, and publishes them disconnected. A
 * closed laptop or a lost network makes the user unavailable after the grace; a reconnect restores them.
 */
export class PresenceConnections {
  private readonly socketsPerUser = new Map<string, number>();
  private readonly pending = new Set<Promise<void>>();
  /** Each user's connection changes run in order, so a quick reconnect is never undone by the disconnect before it. */
  private readonly userQueues = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private stopped = false;

  constructor(private readonly options: PresenceConnectionsOptions) {}

  /** The gateway's connection listener. */
  readonly listener = {
    connected: (principal: Principal) => this.onConnected(principal.user.id, principal.via === "session" ? principal.sessionId : undefined),
    disconnected: (principal: Principal) => this.onDisconnected(principal.user.id),
  };

  start(): void {
    this.timer = setInterval(() => this.tick(), this.options.heartbeatSeconds * 1000);
    this.timer.unref();
  }

  /** Before the gateway closes: its sockets' disconnections must not shorten leases another process will renew. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.allSettled([...this.pending]);
  }

  private onConnected(userId: string, sessionId: string | undefined): void {
    this.socketsPerUser.set(userId, (this.socketsPerUser.get(userId) ?? 0) + 1);
    this.forUser(userId, "record a connection", () => this.options.presence.recordConnection(userId, sessionId));
  }

  private onDisconnected(userId: string): void {
    const remaining = (this.socketsPerUser.get(userId) ?? 1) - 1;
    if (remaining > 0) {
      this.socketsPerUser.set(userId, remaining);
      return;
    }
    this.socketsPerUser.delete(userId);
    this.forUser(userId, "shorten a lease", async () => {
      if (!this.socketsPerUser.has(userId)) {
        await shortenLease(this.options.db, userId, this.options.presence.graceSeconds);
      }
    });
  }

  private tick(): void {
    // One tick at a time: a slow database must not pile them up.
    if (this.ticking) {
      return;
    }
    this.ticking = true;
    this.track("renew and sweep presence leases", async () => {
      try {
        await this.heartbeat();
        await this.sweep();
      } finally {
        this.ticking = false;
      }
    });
  }

  private async heartbeat(): Promise<void> {
    const revived = await renewLeases(this.options.db, [...this.socketsPerUser.keys()], this.options.presence.leaseSeconds);
    await this.options.presence.publishManyChanged(revived);
  }

  private async sweep(): Promise<void> {
    const lapsed = await endLapsedLeases(this.options.db);
    await this.options.presence.publishManyChanged(lapsed);
  }

  private forUser(userId: string, what: string, work: () => Promise<void>): void {
    if (this.stopped) {
      return;
    }
    const previous = this.userQueues.get(userId) ?? Promise.resolve();
    const next = previous.then(work);
    const settled = next.catch(() => undefined);
    this.userQueues.set(userId, settled);
    void settled.then(() => {
      if (this.userQueues.get(userId) === settled) {
        this.userQueues.delete(userId);
      }
    });
    this.track(what, () => next);
  }

  private track(what: string, work: () => Promise<void>): void {
    if (this.stopped) {
      return;
    }
    const running = work()
      .catch((error: unknown) => this.options.logger.warn({ err: error }, `presence: could not ${what}`))
      .finally(() => this.pending.delete(running));
    this.pending.add(running);
  }
}
