import type { Interaction } from "../../common/api/interactions.ts";
import type { EventPayload } from "../../common/events/catalogue.ts";

export { CHANNEL_LABELS } from "../admin/channels/channel-labels.ts";

/** Who the conversation is with: the customer's name when known, else their address. */
export function customerLabel(interaction: Pick<Interaction, "customerName" | "customerAddress">): string {
  return interaction.customerName ?? interaction.customerAddress;
}

type WithdrawalReason = EventPayload<"offer.withdrawn">["reason"];

// Why an alert went away, in the agent's words (shown briefly where the alert was).
const WITHDRAWAL_REASONS: Readonly<Record<WithdrawalReason, string>> = {
  accepted_elsewhere: "Taken by another agent",
  rejected: "Rejected",
  expired: "The alert expired",
  timed_out: "Moved on: the queue's wait ended",
  abandoned: "The customer left",
  unavailable: "You are no longer available for it",
};

export function withdrawalText(reason: WithdrawalReason, customer: string): string {
  return `${WITHDRAWAL_REASONS[reason]}: the conversation with ${customer}.`;
}

/** "∞" for 0: a capacity or tab limit of 0 is unlimited (product.md, Channels and capacity). */
export function limitSymbol(limit: number): string {
  return limit === 0 ? "∞" : String(limit);
}
