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
