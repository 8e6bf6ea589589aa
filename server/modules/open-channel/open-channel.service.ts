import type { Logger } from "pino";
import type { InboundMessageRequest, InteractionId } from "../../../common/api/interactions.ts";
import type { Db, Tx } from "../../db/database.ts";
import { enqueueJob } from "../../jobs/jobs.repository.ts";
import { UnauthenticatedError } from "../../lib/errors.ts";
import { hashSecret, secretsEqual } from "../../lib/secrets.ts";
import { findDelivery, findInboundCredentials, type DeliveryRow } from "./open-channel.repository.ts";
import { SIGNATURE_HEADER, signOpenChannelPayload, TIMESTAMP_HEADER } from "./open-channel.signature.ts";

export const DELIVER_JOB = "openchannel.deliver";
const WEBHOOK_TIMEOUT_MILLISECONDS = 10_000;
// Compared against when the entry point is unknown, so that case costs the same compare as a wrong key.
const NO_KEY_HASH = hashSecret("");

/** What the open channel needs of the routing engine (server/routing). */
export interface OpenChannelRouting {
  receiveMessage(inbound: { entryPointId: string; conversationId: string; customerAddress: string; customerName?: string; body: string }): Promise<{
    interaction: { id: string };
    message: { id: string };
  }>;
  abandon(entryPointId: string, conversationId: string): Promise<unknown>;
  markDelivery(messageId: string, delivery: "delivered" | "failed"): Promise<unknown>;
}

/** What the receiver gets for each agent reply (README, Open channel). */
export interface OpenChannelWebhookBody {
  type: "message";
  conversationId: string | null;
  interactionId: string;
  message: { id: string; body: string; createdAt: string; agent: { name: string | null } };
}

function unauthenticated(): UnauthenticatedError {
  return new UnauthenticatedError("invalid_inbound_key", "Unknown entry point or wrong inbound key.");
}

/**
 * The open channel (issue 4, item 7): an authenticated inbound API posting customers' messages to an entry
 * point, and a signed outbound webhook delivering agents' replies as durable jobs retried with backoff.
 */
export class OpenChannelService {
  constructor(
    private readonly db: Db,
    private readonly routing: OpenChannelRouting,
    private readonly logger: Logger,
  ) {}

  /**
   * The inbound key of `Authorization: Bearer <key>`, checked against the stored hash in constant time. An unknown
   * entry point and a wrong key get the same 401, so a caller learns nothing about which ids exist.
   */
  async authenticate(entryPointId: string | undefined, authorization: string | undefined): Promise<void> {
    const key = authorization?.startsWith("Bearer ") ? authorization.slice("Bearer ".length).trim() : "";
    const credentials = entryPointId === undefined ? undefined : await findInboundCredentials(this.db, entryPointId);
    const stored = credentials?.inboundKeyHash ?? NO_KEY_HASH;
    const matches = secretsEqual(hashSecret(key), stored);
    if (!matches || key === "" || !credentials?.inboundKeyHash) {
      throw unauthenticated();
    }
  }

  /** Starts or continues the customer's conversation; answers once it is committed. */
  async receive(entryPointId: string, request: InboundMessageRequest): Promise<{ interactionId: InteractionId; messageId: string }> {
    const received = await this.routing.receiveMessage({
      entryPointId,
      conversationId: request.conversationId,
      customerAddress: request.customer.id,
      ...(request.customer.name ? { customerName: request.customer.name } : {}),
      body: request.body,
    });
    return { interactionId: received.interaction.id as InteractionId, messageId: received.message.id };
  }

  /** The customer left (product.md, Routing: `abandoned` when nobody had accepted yet). */
  async close(entryPointId: string, conversationId: string): Promise<void> {
    await this.routing.abandon(entryPointId, conversationId);
  }

  /** Called by the routing engine inside the reply's transaction: the delivery is a job committed with it. */
  async enqueueDelivery(transaction: Tx, message: { id: string }): Promise<"pending"> {
    await enqueueJob(transaction, { kind: DELIVER_JOB, payload: { messageId: message.id } });
    return "pending";
  }

  /** The job: one signed POST, outside any transaction. A failure throws, so the job worker retries it. */
  async deliver(payload: Record<string, unknown>): Promise<void> {
    const messageId = String(payload.messageId);
    const delivery = await findDelivery(this.db, messageId);
    // Gone (the interaction was deleted) or settled already (a second run after a lost lease).
    if (!delivery || delivery.delivery !== "pending") {
      return;
    }
    if (delivery.entryPointChannel !== "openchannel" || !delivery.webhookUrl || !delivery.webhookSecret) {
      this.logger.warn({ messageId }, "open channel reply has no webhook to go to (entry point deleted?): marked failed");
      await this.routing.markDelivery(messageId, "failed");
      return;
    }
    await post(delivery.webhookUrl, delivery.webhookSecret, JSON.stringify(webhookBody(delivery)));
    await this.routing.markDelivery(messageId, "delivered");
  }

  /** After the last attempt: the agent sees the reply as not delivered. */
  async giveUp(payload: Record<string, unknown>): Promise<void> {
    const messageId = String(payload.messageId);
    const delivery = await findDelivery(this.db, messageId);
    if (delivery?.delivery === "pending") {
      await this.routing.markDelivery(messageId, "failed");
    }
  }
}

function webhookBody(delivery: DeliveryRow): OpenChannelWebhookBody {
  return {
    type: "message",
    conversationId: delivery.conversationId,
    interactionId: delivery.interactionId,
    message: {
      id: delivery.messageId,
      body: delivery.body,
      createdAt: new Date(delivery.createdAt).toISOString(),
      // product.md, The agent record: the alias is what customers see instead of the real name.
      agent: { name: delivery.authorAlias || delivery.authorFullName },
    },
  };
}

async function post(url: string, secret: string, rawBody: string): Promise<void> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "Switchboard-Webhook/1",
      [TIMESTAMP_HEADER]: timestamp,
      [SIGNATURE_HEADER]: signOpenChannelPayload(secret, timestamp, rawBody),
    },
    body: rawBody,
    redirect: "manual",
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MILLISECONDS),
  });
  await response.body?.cancel();
  if (response.status < 200 || response.status >= 300) {
    throw new Error(`webhook answered ${response.status}`);
  }
}
