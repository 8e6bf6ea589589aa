import type { Logger } from "pino";
import { normaliseSender } from "../../../common/domain/phone.ts";
import { keywordOf } from "../../../common/domain/texting.ts";
import type { Db } from "../../db/database.ts";
import type { MessageMedia } from "../../db/tables.ts";
import { NotFoundError } from "../../lib/errors.ts";
import type { ReceivedMessage, RoutingService } from "../../routing/routing.service.ts";
import { findInboundContext, recordKeywordEvent } from "./texting.repository.ts";

/** An inbound SMS as Twilio's webhook describes it (already checked against its signature). */
export interface InboundSms {
  messageSid: string;
  from: string;
  to: string;
  body: string;
  messagingServiceSid: string | null;
  media: MessageMedia[];
}

export type TextingRouting = Pick<RoutingService, "receiveMessage" | "continueConversation" | "publisher">;

/**
 * Inbound texting (issue 5, item 1): the number or Messaging Service selects the entry point and its queue
 * chain; the sender's number selects their open conversation, or starts one that alerts the queue; a known
 * number carries its contact's name and status. Opt-out keywords change the number's state first (issue 5,
 * item 3). Each step is idempotent on the MessageSid, so a webhook Twilio retries stores nothing twice; the
 * webhook answers once all of it is committed.
 */
export class SmsInboundService {
  constructor(
    private readonly db: Db,
    private readonly routing: TextingRouting,
    private readonly logger: Logger,
  ) {}

  async receive(sms: InboundSms): Promise<ReceivedMessage | undefined> {
    const phone = normaliseSender(sms.from);
    const context = await findInboundContext(this.db, { to: normaliseSender(sms.to), messagingServiceSid: sms.messagingServiceSid, phone });
    if (!context.entryPointId) {
      const service = sms.messagingServiceSid ? ` or the Messaging Service ${sms.messagingServiceSid}` : "";
      throw new NotFoundError("sms_entry_point_not_found", `No SMS entry point has the number ${sms.to}${service}.`);
    }
    const keyword = keywordOf(sms.body);
    let optedOut = context.optedOut;
    if (keyword) {
      const recorded = await recordKeywordEvent(this.db, { eventId: sms.messageSid, phone, keyword: keyword.keyword, action: keyword.action });
      if (recorded.applied && keyword.action !== "help") {
        optedOut = keyword.action === "opt_out";
        this.logger.info({ messageSid: sms.messageSid, keyword: keyword.keyword }, optedOut ? "SMS number opted out" : "SMS number opted back in");
      }
      await this.tellOwners(recorded.marked);
    }
    const inbound = {
      entryPointId: context.entryPointId,
      conversationId: phone,
      customerAddress: phone,
      body: sms.body,
      externalMessageId: sms.messageSid,
      media: sms.media,
      contact: context.contactId && context.contactName && context.contactStatus ? { id: context.contactId, name: context.contactName, status: context.contactStatus } : null,
      customerOptedOut: optedOut,
    };
    // An opt-out goes into the open conversation, where the agent sees it; with none open it alerts nobody.
    return keyword?.action === "opt_out" ? this.routing.continueConversation(inbound) : this.routing.receiveMessage(inbound);
  }

  /** The owners of conversations whose customer opted out or back in see it at once. */
  async tellOwners(marked: readonly { id: string; ownerId: string | null }[]): Promise<void> {
    for (const conversation of marked) {
      if (conversation.ownerId) {
        await this.routing.publisher.interactionChanged("interaction.updated", conversation.id, [conversation.ownerId]);
      }
    }
  }
}
