import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { TestClient } from "../server/test/http-client.ts";

/** One POST the receiver got: its headers and the exact bytes of its body (signatures cover them). */
export interface WebhookDelivery {
  headers: IncomingHttpHeaders;
  rawBody: string;
}

export interface WebhookReceiver {
  url: string;
  deliveries: WebhookDelivery[];
  close(): Promise<void>;
}

/** A customer-facing system's webhook endpoint on this machine: it records each delivery and answers 200. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const deliveries: WebhookDelivery[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      deliveries.push({ headers: request.headers, rawBody: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/switchboard`,
    deliveries,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The receiver's own check, written from the README rather than borrowed from the server. */
export function hasValidSignature(delivery: WebhookDelivery, secret: string): boolean {
  const timestamp = String(delivery.headers["x-switchboard-timestamp"]);
  const expected = `sha256=${createHmac("sha256", secret).update(`${timestamp}.${delivery.rawBody}`).digest("hex")}`;
  return delivery.headers["x-switchboard-signature"] === expected;
}

export interface OpenChannelEntryPoint {
  entryPointId: string;
  inboundKey: string;
  webhookSecret: string;
  queueId: string;
}

export async function signedInClient(url: string, username: string, password: string): Promise<TestClient> {
  const client = new TestClient(url);
  const response = await client.signIn(username, password);
  if (response.status !== 200) {
    throw new Error(`sign-in of ${username} answered ${response.status}`);
  }
  return client;
}

function expectStatus(response: { status: number; body: unknown }, status: number, what: string): void {
  if (response.status !== status) {
    throw new Error(`${what} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
}

/**
 * As an admin: the open channel on for the account, a queue of that channel (ring-all unless said) with these members, and an
 * open-channel entry point on it whose replies go to `webhookUrl`.
 */
export async function createOpenChannelEntryPoint(
  admin: TestClient,
  options: { slug: string; memberIds: string[]; webhookUrl: string; strategy?: string; offerTimeoutSeconds?: number },
): Promise<OpenChannelEntryPoint> {
  expectStatus(await admin.patch("/api/v1/settings/account", { enabledChannels: ["openchannel"] }), 200, "enabling the open channel");
  const queue = await admin.post<{ id: string }>("/api/v1/queues", {
    name: `Queue ${options.slug}`,
    channel: "openchannel",
    strategy: options.strategy ?? "ring-all",
    ...(options.offerTimeoutSeconds === undefined ? {} : { offerTimeoutSeconds: options.offerTimeoutSeconds }),
  });
  expectStatus(queue, 201, "creating the queue");
  expectStatus(await admin.post(`/api/v1/queues/${queue.body.id}/members`, { userIds: options.memberIds }), 200, "adding the queue's members");
  const created = await admin.post<{ entryPoint: { id: string; webhookSecret: string }; inboundKey: string }>("/api/v1/entry-points", {
    name: `Entry ${options.slug}`,
    channel: "openchannel",
    address: options.slug,
    queueIds: [queue.body.id],
    webhookUrl: options.webhookUrl,
  });
  expectStatus(created, 201, "creating the entry point");
  return { entryPointId: created.body.entryPoint.id, inboundKey: created.body.inboundKey, webhookSecret: created.body.entryPoint.webhookSecret, queueId: queue.body.id };
}

/** The customer-facing system posts a customer's message, with the entry point's inbound key. */
export async function postCustomerMessage(
  serverUrl: string,
  entryPoint: OpenChannelEntryPoint,
  message: { conversationId: string; customer: { id: string; name: string }; body: string },
): Promise<{ interactionId: string }> {
  const response = await fetch(new URL(`/api/v1/open-channel/${entryPoint.entryPointId}/messages`, serverUrl), {
    method: "POST",
    headers: { authorization: `Bearer ${entryPoint.inboundKey}`, "content-type": "application/json" },
    body: JSON.stringify(message),
  });
  const body = (await response.json()) as { interactionId: string };
  expectStatus({ status: response.status, body }, 202, "posting the customer's message");
  return body;
}
