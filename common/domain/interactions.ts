import { z } from "zod";

// product.md, Routing: queued → offered → active → closed, or abandoned (the customer left before anyone
// accepted) or timed out (after the last queue of the chain).
export const INTERACTION_STATES = ["queued", "offered", "active", "closed", "abandoned", "timed_out"] as const;
export const interactionStateSchema = z.enum(INTERACTION_STATES);
export type InteractionState = z.infer<typeof interactionStateSchema>;

export const WAITING_STATES: readonly InteractionState[] = ["queued", "offered"];
export const OPEN_STATES: readonly InteractionState[] = ["queued", "offered", "active"];

export const QUEUE_REPORT_REASONS = ["accepted", "timeout", "abandoned"] as const;
export const queueReportReasonSchema = z.enum(QUEUE_REPORT_REASONS);
export type QueueReportReason = z.infer<typeof queueReportReasonSchema>;

export const OFFER_STATES = ["pending", "accepted", "rejected", "expired", "withdrawn"] as const;
export const offerStateSchema = z.enum(OFFER_STATES);
export type OfferState = z.infer<typeof offerStateSchema>;

export const MESSAGE_BODY_MAX = 4000;

export const MESSAGE_DELIVERIES = ["none", "pending", "queued", "sent", "delivered", "undelivered", "failed"] as const;
export type MessageDeliveryState = (typeof MESSAGE_DELIVERIES)[number];

// A delivery only moves forward: a status callback that arrives late (Twilio does not promise their order) never
// takes a delivered message back to sent. The three final states share the last rank.
const DELIVERY_RANKS: Readonly<Record<MessageDeliveryState, number>> = { none: 0, pending: 1, queued: 2, sent: 3, delivered: 4, undelivered: 4, failed: 4 };

export function deliveryRank(state: MessageDeliveryState): number {
  return DELIVERY_RANKS[state];
}
