import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";

// Shared by the routing benchmark's two processes: one clock, and HTTP over a bounded pool of persistent
// connections, as desktops and a customer-facing system keep theirs (not a new connection per burst).

/** Wall-clock milliseconds with sub-millisecond resolution; both processes read the same system clock. */
export const wallClock = () => performance.timeOrigin + performance.now();

const CONNECTIONS = 256;
const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });

export interface HttpAnswer {
  status: number;
  body: unknown;
}

/**
 * POSTs JSON (or nothing) and answers the status and the parsed body; rejects on a network error, or once
 * `timeoutMs` passed since the call (waiting for a free connection included).
 */
export function post(url: string, headers: Record<string, string>, body: unknown, timeoutMs: number): Promise<HttpAnswer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: "POST", agent, headers: { ...headers, ...(payload ? { "content-type": "application/json" } : {}) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: response.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : null });
      });
      response.on("error", reject);
    });
    const deadline = setTimeout(() => outgoing.destroy(Object.assign(new Error("timeout"), { code: "timeout" })), timeoutMs);
    outgoing.on("error", reject);
    outgoing.on("close", () => clearTimeout(deadline));
    outgoing.end(payload);
  });
}
