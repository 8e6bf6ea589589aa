import { z } from "zod";
import { channelSchema } from "../domain/channels.ts";
import { userIdSchema } from "../domain/ids.ts";
import { contactStatusSchema } from "../domain/contacts.ts";
import { interactionStateSchema, MESSAGE_BODY_MAX, MESSAGE_DELIVERIES, offerStateSchema, queueReportReasonSchema } from "../domain/interactions.ts";
import { queueIdSchema } from "./groups.ts";

export const interactionIdSchema = z.uuid("interactionId: an interaction id").brand<"InteractionId">();
export type InteractionId = z.infer<typeof interactionIdSchema>;
export const offerIdSchema = z.uuid("offerId: an offer id").brand<"OfferId">();
export const entryPointIdSchema = z.uuid("entryPointId: an entry point id").brand<"EntryPointId">();
export type EntryPointId = z.infer<typeof entryPointIdSchema>;

const timestamp = z.iso.datetime({ offset: true });

/** An interaction as its owner, or an agent it is offered to, sees it. Contact fields go through masking. */
export const interactionSchema = z
  .object({
    id: interactionIdSchema,
    channel: channelSchema,
    entryPointId: entryPointIdSchema.nullable(),
    entryPointName: z.string().nullable(),
    customerAddress: z.string(),
    customerName: z.string().nullable(),
    state: interactionStateSchema,
    ownerId: userIdSchema.nullable(),
    queueId: queueIdSchema.nullable(),
    queueName: z.string().nullable(),
    openedAt: timestamp,
    queuedAt: timestamp,
    acceptedAt: timestamp.nullable(),
    closedAt: timestamp.nullable(),
    lastMessageAt: timestamp.nullable(),
    snippet: z.string().nullable(),
    /** Texting: the contact the conversation is with (a known number, or classified by the greeting step). */
    contactId: z.uuid().nullable(),
    contactStatus: contactStatusSchema.nullable(),
    /** The customer opted out of messages on this channel (SMS STOP): replies are refused until they opt in. */
    customerOptedOut: z.boolean(),
  })
  .meta({ id: "Interaction" });
export type Interaction = z.infer<typeof interactionSchema>;

/**
 * An outbound message's way to the customer: `pending` until the channel's delivery job hands it over; then, on SMS,
 * the provider's `queued`, `sent`, and finally `delivered`, `undelivered` or `failed`. `none` for inbound messages.
 */
export const messageDeliverySchema = z.enum(MESSAGE_DELIVERIES);
export type MessageDelivery = z.infer<typeof messageDeliverySchema>;
export const messageMediaSchema = z.object({ url: z.string(), contentType: z.string().nullable() });
export const interactionMessageSchema = z
  .object({
    id: z.uuid(),
    interactionId: interactionIdSchema,
    direction: z.enum(["inbound", "outbound"]),
    authorId: userIdSchema.nullable(),
    body: z.string(),
    delivery: messageDeliverySchema,
    /** Why it was not delivered: the provider's error code (Twilio's, e.g. 21610) and its message. */
    deliveryError: z.object({ code: z.int().nullable(), message: z.string() }).nullable(),
    /** Pictures and files of an MMS, as the provider's links. */
    media: z.array(messageMediaSchema),
    /** When it was received (inbound) or written (outbound): not when anyone viewed it. */
    createdAt: timestamp,
  })
  .meta({ id: "InteractionMessage" });
export type InteractionMessage = z.infer<typeof interactionMessageSchema>;

/** An alert to an agent: accept it (first accept wins), reject it, or hide it. */
export const offerSchema = z
  .object({
    id: offerIdSchema,
    state: offerStateSchema,
    createdAt: timestamp,
    expiresAt: timestamp.nullable(),
    autoAnswerAt: timestamp.nullable(),
    interaction: interactionSchema,
  })
  .meta({ id: "Offer" });
export type Offer = z.infer<typeof offerSchema>;

/** The desktop's whole live state: pending offers and open interactions with counters. */
export const inboxSchema = z
  .object({
    offers: z.array(offerSchema),
    interactions: z.array(interactionSchema),
  })
  .meta({ id: "Inbox" });
export type Inbox = z.infer<typeof inboxSchema>;

export const messageBodySchema = z
  .string("body: the message text")
  .trim()
  .min(1, "body: write a message")
  .max(MESSAGE_BODY_MAX, `body: at most ${MESSAGE_BODY_MAX} characters`);

export const replyRequestSchema = z.object({ body: messageBodySchema });
export type ReplyRequest = z.infer<typeof replyRequestSchema>;

/** A page of messages, oldest first; `hasMore`: older messages remain (ask again with `before` = the first id). */
export const messagesPageSchema = z.object({ items: z.array(interactionMessageSchema), hasMore: z.boolean() }).meta({ id: "InteractionMessages" });
export const MESSAGES_PAGE_MAX = 200;
export const messagesQuerySchema = z.object({
  before: z.uuid("before: a message id").optional(),
  limit: z.coerce
    .number("limit: a number")
    .int("limit: a whole number")
    .min(1, "limit: at least 1")
    .max(MESSAGES_PAGE_MAX, `limit: at most ${MESSAGES_PAGE_MAX}`)
    .optional(),
});
export type MessagesQuery = z.infer<typeof messagesQuerySchema>;

/** What to do with the agent's open interactions when they sign out (product.md, Presence). */
export const OPEN_INTERACTION_DISPOSITIONS = ["requeue", "close"] as const;
export const openInteractionDispositionSchema = z.enum(OPEN_INTERACTION_DISPOSITIONS, `openInteractions: one of ${OPEN_INTERACTION_DISPOSITIONS.join(", ")}`);
export type OpenInteractionDisposition = z.infer<typeof openInteractionDispositionSchema>;

export const queueAttemptSchema = z
  .object({
    id: z.uuid(),
    interactionId: interactionIdSchema,
    queueId: queueIdSchema.nullable(),
    channel: channelSchema,
    enteredAt: timestamp,
    leftAt: timestamp.nullable(),
    reason: queueReportReasonSchema.nullable(),
    agentId: userIdSchema.nullable(),
  })
  .meta({ id: "QueueAttempt" });
export type QueueAttempt = z.infer<typeof queueAttemptSchema>;

/** Inbound customer message on an entry point (open channel, chat): starts or continues a conversation. */
export const inboundMessageRequestSchema = z.object({
  conversationId: z.string("conversationId: your conversation id").trim().min(1, "conversationId: required").max(200, "conversationId: at most 200 characters"),
  customer: z.object({
    id: z.string("customer.id: the customer's id or address").trim().min(1, "customer.id: required").max(200, "customer.id: at most 200 characters"),
    name: z.string("customer.name: text").trim().max(200, "customer.name: at most 200 characters").optional(),
  }),
  body: messageBodySchema,
});
export type InboundMessageRequest = z.infer<typeof inboundMessageRequestSchema>;

/** What the agent holds per channel against their limits (0 = unlimited), for the desktop's counters. */
export const inboxCountersSchema = z
  .object({
    channels: z.array(
      z.object({ channel: channelSchema, open: z.int(), offered: z.int(), capacity: z.int(), enabled: z.boolean(), paused: z.boolean() }),
    ),
    openTotal: z.int(),
    maxOpenTabs: z.int(),
  })
  .meta({ id: "InboxCounters" });
export type InboxCounters = z.infer<typeof inboxCountersSchema>;

export const interactionParamsSchema = z.object({ interactionId: interactionIdSchema });
export const queueAttemptsSchema = z.object({ items: z.array(queueAttemptSchema) }).meta({ id: "QueueAttempts" });
