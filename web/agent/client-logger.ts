import {
  CLIENT_LOG_BATCH_MAX,
  CLIENT_LOG_CONTEXT_MAX,
  CLIENT_LOG_MESSAGE_MAX,
  isLevelShipped,
  type ClientLogLevel,
  type ClientLogLine,
  type ClientLogSettings,
} from "../../common/api/client-logs.ts";

/** What a send came to: stored, refused because client logs are off, or not delivered (try again later). */
export type SendOutcome = "sent" | "disabled" | "failed";

export interface ClientLoggerOptions {
  send: (lines: ClientLogLine[], options: { keepalive: boolean }) => Promise<SendOutcome>;
  now?: () => Date;
  setTimer?: (callback: () => void, milliseconds: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  flushIntervalMs?: number;
  /** Lines per request; a full batch is sent at once. */
  batchSize?: number;
  /** Lines kept while the server cannot be reached; the oldest go first beyond it. */
  maxBuffered?: number;
}

// A keepalive request (sent while the page goes away) may carry at most 64 KiB in every browser.
const KEEPALIVE_BYTES = 60_000;

function fitLine(line: ClientLogLine): ClientLogLine {
  const message = line.message.length > CLIENT_LOG_MESSAGE_MAX ? `${line.message.slice(0, CLIENT_LOG_MESSAGE_MAX - 1)}…` : line.message || "(empty)";
  const context = line.context && JSON.stringify(line.context).length <= CLIENT_LOG_CONTEXT_MAX ? line.context : undefined;
  return { loggedAt: line.loggedAt, level: line.level, message, ...(context ? { context } : {}) };
}

/**
 * product.md, Client logs: while an admin has them on, the desktop ships its log lines at or above the
 * chosen level, in batches: every few seconds, as soon as a batch is full, and when the page is hidden.
 * Off, it keeps and sends nothing.
 */
export class ClientLogger {
  private settings: ClientLogSettings = { enabled: false, level: "error" };
  private buffer: ClientLogLine[] = [];
  private timer: unknown = undefined;
  private sending = false;
  private readonly now: () => Date;
  private readonly setTimer: (callback: () => void, milliseconds: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;
  private readonly flushIntervalMs: number;
  private readonly batchSize: number;
  private readonly maxBuffered: number;

  constructor(private readonly options: ClientLoggerOptions) {
    this.now = options.now ?? (() => new Date());
    this.setTimer = options.setTimer ?? ((callback, milliseconds) => setInterval(callback, milliseconds));
    this.clearTimer = options.clearTimer ?? ((timer) => clearInterval(timer as ReturnType<typeof setInterval>));
    this.flushIntervalMs = options.flushIntervalMs ?? 5_000;
    this.batchSize = Math.min(options.batchSize ?? 50, CLIENT_LOG_BATCH_MAX);
    this.maxBuffered = options.maxBuffered ?? 1_000;
  }

  get enabled(): boolean {
    return this.settings.enabled;
  }

  get level(): ClientLogLevel {
    return this.settings.level;
  }

  /** Follows the agent's setting as the server states it; turning off drops what is waiting. */
  configure(settings: ClientLogSettings): void {
    this.settings = settings;
    if (!settings.enabled) {
      this.buffer = [];
      this.stopTimer();
      return;
    }
    this.buffer = this.buffer.filter((line) => isLevelShipped(line.level, settings.level));
    if (this.timer === undefined) {
      this.timer = this.setTimer(() => void this.flush(), this.flushIntervalMs);
    }
  }

  log(level: ClientLogLevel, message: string, context?: Record<string, unknown>): void {
    if (!this.settings.enabled || !isLevelShipped(level, this.settings.level)) {
      return;
    }
    this.buffer.push(fitLine({ loggedAt: this.now().toISOString(), level, message, ...(context ? { context } : {}) }));
    if (this.buffer.length > this.maxBuffered) {
      this.buffer.splice(0, this.buffer.length - this.maxBuffered);
    }
    if (this.buffer.length >= this.batchSize) {
      void this.flush();
    }
  }

  /** Sends what is waiting, a batch at a time; `keepalive` for a page that is going away. */
  async flush(options: { keepalive?: boolean } = {}): Promise<void> {
    if (options.keepalive) {
      this.flushForUnload();
      return;
    }
    if (this.sending) {
      return;
    }
    this.sending = true;
    try {
      while (this.settings.enabled && this.buffer.length > 0) {
        const batch = this.buffer.splice(0, this.batchSize);
        if (!(await this.deliver(batch, false))) {
          return;
        }
      }
    } finally {
      this.sending = false;
    }
  }

  stop(): void {
    this.configure({ ...this.settings, enabled: false });
  }

  private flushForUnload(): void {
    const batch: ClientLogLine[] = [];
    let bytes = 20;
    while (this.buffer.length > 0 && batch.length < this.batchSize) {
      const next = this.buffer[0];
      const size = next ? JSON.stringify(next).length + 1 : 0;
      if (!next || bytes + size > KEEPALIVE_BYTES) {
        break;
      }
      batch.push(next);
      this.buffer.shift();
      bytes += size;
    }
    if (batch.length > 0) {
      void this.options.send(batch, { keepalive: true });
    }
  }

  private async deliver(batch: ClientLogLine[], keepalive: boolean): Promise<boolean> {
    const outcome = await this.options.send(batch, { keepalive });
    if (outcome === "disabled") {
      // The server says client logs are off (changed while this page was away): stop until told otherwise.
      this.configure({ ...this.settings, enabled: false });
      return false;
    }
    if (outcome === "failed") {
      // Kept for the next attempt, within the buffer's bound.
      this.buffer = [...batch, ...this.buffer].slice(-this.maxBuffered);
      return false;
    }
    return true;
  }

  private stopTimer(): void {
    if (this.timer !== undefined) {
      this.clearTimer(this.timer);
      this.timer = undefined;
    }
  }
}
