import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A real HTTP receiver on this machine for the open channel's outbound webhook: it records every delivery
// (headers and the raw body, exactly as sent) and answers with the next status of its script.

export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  rawBody: string;
}

export interface WebhookReceiver {
  url: string;
  deliveries: ReceivedDelivery[];
  /** The statuses to answer, in order; the last one repeats. */
  answerWith(...statuses: number[]): void;
  /** Resolves with the first delivery, received from now on, that matches. */
  nextDelivery(matches: (delivery: ReceivedDelivery) => boolean): Promise<ReceivedDelivery>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const deliveries: ReceivedDelivery[] = [];
  const waiting = new Set<(delivery: ReceivedDelivery) => void>();
  let statuses = [200];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const delivery = { headers: request.headers, rawBody: Buffer.concat(chunks).toString("utf8") };
      deliveries.push(delivery);
      for (const notify of waiting) {
        notify(delivery);
      }
      const status = statuses.length > 1 ? (statuses.shift() ?? 200) : (statuses[0] ?? 200);
      response.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "not now");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/switchboard/webhook`,
    deliveries,
    answerWith: (...next) => {
      statuses = next.length > 0 ? next : [200];
    },
    nextDelivery: (matches) =>
      new Promise((resolve) => {
        const notify = (delivery: ReceivedDelivery) => {
          if (matches(delivery)) {
            waiting.delete(notify);
            resolve(delivery);
          }
        };
        waiting.add(notify);
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // fetch keeps connections alive; close them so the server can stop.
        server.closeAllConnections();
      }),
  };
}
