import twilio from "twilio";
import type { Logger } from "pino";
import type { Db, Tx } from "../../db/database.ts";
import { enqueueJob } from "../../jobs/jobs.repository.ts";
import type { RoutingService } from "../../routing/routing.service.ts";
import { findCallbackMessage, findOutbound, recordKeywordEvent, type OutboundRow } from "./texting.repository.ts";
import { deliveryOfStatus, sendFailureOf, twilioErrorText, UNSUBSCRIBED_RECIPIENT } from "./twilio-errors.ts";
import { isTwilioConfigured, publicAddressOf, SMS_STATUS_PATH, type TwilioSettings } from "./twilio-settings.ts";

export const SEND_SMS_JOB = "sms.send";
const SEND_TIMEOUT_MILLISECONDS = 10_000;
const MESSAGING_SERVICE = /^MG[0-9a-f]{32}$/iu;

export type DeliveryRouting = Pick<RoutingService, "updateDelivery" | "noteDeliveryError" | "publisher">;

/** Twilio's answer to a message create, as much of it as we read. */
interface CreatedMessage {
  sid: string;
  status: string;
}

/**
 * Outbound texting (issue 5, item 2): an agent's reply is a durable job committed with it; the job sends it through
 * the official twilio client to the Messages API with a status callback, retried with backoff on 429 and 5xx (the
 * job worker's), failed at once on any other refusal with Twilio's error code. Signed status callbacks then move
 * the message through queued, sent, delivered, undelivered or failed, pushed live to the agent.
 */
export class SmsDeliveryService {
  private client: ReturnType<typeof twilio> | undefined;

  constructor(
    private readonly db: Db,
    private readonly routing: DeliveryRouting,
    private readonly settings: TwilioSettings,
    private readonly logger: Logger,
  ) {}

  /** Called by the routing engine inside the reply's transaction: the send is a job committed with it. */
  async enqueueDelivery(transaction: Tx, message: { id: string }): Promise<"pending"> {
    await enqueueJob(transaction, { kind: SEND_SMS_JOB, payload: { messageId: message.id } });
    return "pending";
  }

  /** The job: one request to Twilio, outside any transaction. A retryable failure throws, so the worker retries. */
  async send(payload: Record<string, unknown>): Promise<void> {
    const messageId = String(payload.messageId);
    const outbound = await findOutbound(this.db, messageId);
    // Gone, or settled already (a second run after a lost lease).
    if (!outbound || outbound.delivery !== "pending") {
      return;
    }
    const refusal = this.refusalOf(outbound);
    if (refusal) {
      this.logger.warn({ messageId, reason: refusal }, "SMS reply not sent");
      await this.routing.updateDelivery(messageId, { delivery: "failed", errorCode: null, error: refusal });
      return;
    }
    let created: CreatedMessage;
    try {
      created = await this.create(outbound);
    } catch (error) {
      const failure = sendFailureOf(error);
      if (failure.retryable) {
        await this.routing.noteDeliveryError(messageId, { code: failure.code, message: failure.message });
        throw new Error(`Twilio answered ${failure.status ?? "nothing"}${failure.code === null ? "" : ` (error ${failure.code})`}: ${failure.message}`, { cause: error });
      }
      this.logger.warn({ messageId, status: failure.status, code: failure.code }, "Twilio refused an SMS reply");
      await this.routing.updateDelivery(messageId, { delivery: "failed", errorCode: failure.code, error: failure.message });
      if (failure.code === UNSUBSCRIBED_RECIPIENT) {
        await this.optOut(outbound.customerAddress, messageId);
      }
      return;
    }
    await this.routing.updateDelivery(messageId, { delivery: deliveryOfStatus(created.status) ?? "queued", externalId: created.sid });
  }

  /** After the last attempt: the reply shows as failed, with the last error Twilio gave. */
  async giveUp(payload: Record<string, unknown>): Promise<void> {
    await this.routing.updateDelivery(String(payload.messageId), { delivery: "failed" });
  }

  /** A status callback (already checked against its signature). `messageId` is ours, from the callback's URL. */
  async applyStatus(callback: { messageSid: string; status: string; errorCode: number | null; messageId: string | undefined }): Promise<void> {
    const delivery = deliveryOfStatus(callback.status);
    if (!delivery) {
      return;
    }
    const message = await findCallbackMessage(this.db, callback.messageSid, callback.messageId);
    if (!message || (message.externalId !== null && message.externalId !== callback.messageSid)) {
      this.logger.info({ messageSid: callback.messageSid }, "SMS status callback for no message of ours");
      return;
    }
    const failed = delivery === "failed" || delivery === "undelivered";
    await this.routing.updateDelivery(message.id, {
      delivery,
      externalId: callback.messageSid,
      ...(failed && callback.errorCode !== null ? { errorCode: callback.errorCode, error: twilioErrorText(callback.errorCode) } : {}),
    });
    if (callback.errorCode === UNSUBSCRIBED_RECIPIENT) {
      await this.optOut(message.customerAddress, message.id);
    }
  }

  private refusalOf(outbound: OutboundRow): string | null {
    if (!isTwilioConfigured(this.settings)) {
      return "Texting is not set up: TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are missing";
    }
    if (outbound.customerOptedOut) {
      return "The customer opted out of messages (STOP)";
    }
    if (outbound.entryPointChannel !== "sms" || !outbound.entryPointAddress) {
      return "The SMS entry point of this conversation was deleted: there is no number to send from";
    }
    return null;
  }

  private async create(outbound: OutboundRow): Promise<CreatedMessage> {
    const settings = this.settings;
    if (!isTwilioConfigured(settings)) {
      throw new Error("Twilio is not configured");
    }
    const address = outbound.entryPointAddress ?? "";
    // A Messaging Service entry point sends from its pool (Twilio keeps the customer on the same number).
    const sender = MESSAGING_SERVICE.test(address) ? { messagingServiceSid: address } : { from: address };
    return this.twilio(settings).api.v2010.accounts(settings.accountSid).messages.create({
      to: outbound.customerAddress,
      body: outbound.body,
      ...sender,
      ...(settings.publicUrl ? { statusCallback: publicAddressOf(settings.publicUrl, `${SMS_STATUS_PATH}?messageId=${outbound.messageId}`) } : {}),
    });
  }

  private twilio(settings: TwilioSettings & { accountSid: string; authToken: string }): ReturnType<typeof twilio> {
    if (!this.client) {
      const client = twilio(settings.accountSid, settings.authToken, { timeout: SEND_TIMEOUT_MILLISECONDS, autoRetry: false, keepAlive: true });
      // TWILIO_API_BASE: Twilio's address by default; tests point it at a local server speaking the same API.
      client.api.baseUrl = settings.apiBase;
      this.client = client;
    }
    return this.client;
  }

  /** Twilio's 21610: the number unsubscribed with Twilio itself; we hold it opted out too, on every number. */
  private async optOut(phone: string, eventId: string): Promise<void> {
    const recorded = await recordKeywordEvent(this.db, { eventId: `twilio-21610:${eventId}`, phone, keyword: "21610", action: "opt_out" });
    for (const conversation of recorded.marked) {
      if (conversation.ownerId) {
        await this.routing.publisher.interactionChanged("interaction.updated", conversation.id, [conversation.ownerId]);
      }
    }
  }
}
