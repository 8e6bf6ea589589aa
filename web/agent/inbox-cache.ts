import type { Inbox, Interaction, InteractionMessage, Offer } from "../../common/api/interactions.ts";
import { OPEN_STATES } from "../../common/domain/interactions.ts";

// Pure updates of the desktop's cached inbox and message lists from pushed events. Each one is idempotent: an
// event that arrives twice, or after the answer of the request that caused it, changes nothing the second time.

export function withOffer(inbox: Inbox, offer: Offer): Inbox {
  // An offer for an interaction the agent already owns is stale (the accept's answer came first).
  if (inbox.interactions.some((interaction) => interaction.id === offer.interaction.id)) {
    return inbox;
  }
  const others = inbox.offers.filter((existing) => existing.id !== offer.id);
  return { ...inbox, offers: [...others, offer].sort(byCreatedAt) };
}

export function withoutOffer(inbox: Inbox, offerId: string): Inbox {
  return { ...inbox, offers: inbox.offers.filter((offer) => offer.id !== offerId) };
}

export function withoutOffersOf(inbox: Inbox, interactionId: string): Inbox {
  return { ...inbox, offers: inbox.offers.filter((offer) => offer.interaction.id !== interactionId) };
}

/** The agent's own interaction, added or refreshed; its offers go, and it leaves the list once no longer open. */
export function withInteraction(inbox: Inbox, interaction: Interaction): Inbox {
  const withoutItsOffers = withoutOffersOf(inbox, interaction.id);
  if (!OPEN_STATES.includes(interaction.state)) {
    return withoutInteraction(withoutItsOffers, interaction.id);
  }
  const index = withoutItsOffers.interactions.findIndex((existing) => existing.id === interaction.id);
  const interactions =
    index === -1
      ? [...withoutItsOffers.interactions, interaction]
      : withoutItsOffers.interactions.map((existing) => (existing.id === interaction.id ? interaction : existing));
  return { ...withoutItsOffers, interactions };
}

/** An interaction offered to the agent changed (its customer wrote again): the alert shows the new snippet. */
export function withOfferedInteraction(inbox: Inbox, interaction: Interaction): Inbox {
  return {
    ...inbox,
    offers: inbox.offers.map((offer) => (offer.interaction.id === interaction.id ? { ...offer, interaction } : offer)),
  };
}

export function withoutInteraction(inbox: Inbox, interactionId: string): Inbox {
  return { ...inbox, interactions: inbox.interactions.filter((interaction) => interaction.id !== interactionId) };
}

/** Adds a message, or replaces it when it is already there (its delivery state changed). Oldest first. */
export function withMessage(messages: readonly InteractionMessage[], message: InteractionMessage): InteractionMessage[] {
  const others = messages.filter((existing) => existing.id !== message.id);
  return [...others, message].sort(byCreatedAt);
}

function byCreatedAt(left: { createdAt: string }, right: { createdAt: string }): number {
  return Date.parse(left.createdAt) - Date.parse(right.createdAt);
}
