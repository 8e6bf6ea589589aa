import { describe, expect, it } from "vitest";
import type { Inbox, Interaction, InteractionId, InteractionMessage, Offer } from "../../common/api/interactions.ts";
import { withInteraction, withMessage, withOffer, withOfferedInteraction, withoutOffer } from "./inbox-cache.ts";

function interaction(id: string, changes: Partial<Interaction> = {}): Interaction {
  return {
    id: id as InteractionId,
    channel: "openchannel",
    entryPointId: null,
    entryPointName: null,
    customerAddress: `customer-${id}`,
    customerName: null,
    state: "offered",
    ownerId: null,
    queueId: null,
    queueName: null,
    openedAt: "2026-01-01T10:00:00.000Z",
    queuedAt: "2026-01-01T10:00:00.000Z",
    acceptedAt: null,
    closedAt: null,
    lastMessageAt: null,
    snippet: null,
    contactId: null,
    contactStatus: null,
    customerOptedOut: false,
    ...changes,
  };
}

function offer(id: string, interactionId: string, createdAt: string): Offer {
  return { id: id as Offer["id"], state: "pending", createdAt, expiresAt: null, autoAnswerAt: null, interaction: interaction(interactionId) };
}

function message(id: string, createdAt: string, delivery: InteractionMessage["delivery"] = "none"): InteractionMessage {
  return { id, interactionId: "i1" as InteractionId, direction: "outbound", authorId: null, body: id, delivery, deliveryError: null, media: [], createdAt };
}

const empty: Inbox = { offers: [], interactions: [] };

describe("the desktop's inbox cache", () => {
  it("adds an offer once, oldest first, however often its event arrives", () => {
    const later = offer("o2", "i2", "2026-01-01T10:00:05.000Z");
    const earlier = offer("o1", "i1", "2026-01-01T10:00:01.000Z");
    const inbox = withOffer(withOffer(withOffer(empty, later), earlier), later);
    expect(inbox.offers.map((item) => item.id)).toEqual(["o1", "o2"]);
  });

  it("ignores an offer for an interaction the agent already owns", () => {
    const owned = withInteraction(empty, interaction("i1", { state: "active" }));
    expect(withOffer(owned, offer("o1", "i1", "2026-01-01T10:00:01.000Z")).offers).toEqual([]);
  });

  it("drops the offers of an interaction once the agent owns it, and the tab once it closes", () => {
    const offered = withOffer(empty, offer("o1", "i1", "2026-01-01T10:00:01.000Z"));
    const active = withInteraction(offered, interaction("i1", { state: "active" }));
    expect(active.offers).toEqual([]);
    expect(active.interactions.map((item) => item.id)).toEqual(["i1"]);
    expect(withInteraction(active, interaction("i1", { state: "closed" })).interactions).toEqual([]);
  });

  it("refreshes an offered interaction in its alert and removes a withdrawn alert", () => {
    const offered = withOffer(empty, offer("o1", "i1", "2026-01-01T10:00:01.000Z"));
    const updated = withOfferedInteraction(offered, interaction("i1", { snippet: "Hello again" }));
    expect(updated.offers[0]?.interaction.snippet).toBe("Hello again");
    expect(withoutOffer(updated, "o1").offers).toEqual([]);
  });

  it("replaces a message whose delivery changed, keeping the order by time", () => {
    const messages = withMessage(withMessage([], message("m2", "2026-01-01T10:00:02.000Z", "pending")), message("m1", "2026-01-01T10:00:01.000Z"));
    const delivered = withMessage(messages, message("m2", "2026-01-01T10:00:02.000Z", "delivered"));
    expect(delivered.map((item) => [item.id, item.delivery])).toEqual([
      ["m1", "none"],
      ["m2", "delivered"],
    ]);
  });
});
