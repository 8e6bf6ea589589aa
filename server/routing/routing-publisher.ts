import type { Db } from "../db/database.ts";
import type { EventBus } from "../lib/event-bus.ts";
import { createContactMasker, type ContactMasker } from "../modules/masking/contact-masking.service.ts";
import type { SettingsService } from "../modules/settings/settings.service.ts";
import { userRoom } from "../realtime/rooms.ts";
import type { Interaction } from "../../common/api/interactions.ts";
import { findInteractionViews, presentInteraction, presentOffer, type InteractionView } from "./interaction.presenter.ts";
import type { RouteOutcome } from "./offer-router.ts";

export type WithdrawReason = "accepted_elsewhere" | "rejected" | "expired" | "timed_out" | "abandoned" | "unavailable";

/**
 * Pushes routing changes to the agents they concern, after the commit (CONVENTIONS.md rule 4). Interactions are
 * presented per reader through their contact masker.
 */
export class RoutingPublisher {
  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    private readonly settings: SettingsService,
  ) {}

  async maskersFor(userIds: readonly string[]): Promise<Map<string, ContactMasker>> {
    const unique = [...new Set(userIds)];
    if (unique.length === 0) {
      return new Map();
    }
    const [rows, security] = await Promise.all([
      this.db.selectFrom("users").select(["id", "maskSensitiveData"]).where("id", "in", unique).execute(),
      this.settings.getSecurity(),
    ]);
    const flags = new Map(rows.map((row) => [row.id, row.maskSensitiveData]));
    // Fail closed: a reader who cannot be found sees masked data.
    return new Map(unique.map((userId) => [userId, createContactMasker(flags.get(userId) ?? true, security.maskCharacters)]));
  }

  /** The offers of one routing step, presented from what the step read: nothing is read again. */
  routed(outcome: RouteOutcome): void {
    const { view, maskCharacters } = outcome;
    if (!view || maskCharacters === undefined) {
      return;
    }
    const plain = outcome.offers.some((offer) => !offer.maskSensitiveData) ? presentInteraction(view, createContactMasker(false, maskCharacters)) : undefined;
    const masked = outcome.offers.some((offer) => offer.maskSensitiveData) ? presentInteraction(view, createContactMasker(true, maskCharacters)) : undefined;
    for (const offer of outcome.offers) {
      const interaction = offer.maskSensitiveData ? masked : plain;
      if (interaction) {
        this.events.publish("offer.created", { offer: presentOffer(offer.row, interaction) }, { rooms: [userRoom(offer.agentId)] });
      }
    }
  }

  /** interaction.assigned / updated / closed to one reader, presented from a view read under the change's lock. */
  interactionChangedFor(name: "interaction.assigned" | "interaction.updated" | "interaction.closed", view: InteractionView, reader: { id: string; masker: ContactMasker }): Interaction {
    const interaction = presentInteraction(view, reader.masker);
    this.events.publish(name, { interaction }, { rooms: [userRoom(reader.id)] });
    return interaction;
  }

  async offersCreated(offers: readonly { offerId: string; agentId: string; interactionId: string }[]): Promise<void> {
    if (offers.length === 0) {
      return;
    }
    const [views, rows, maskers] = await Promise.all([
      findInteractionViews(this.db, [...new Set(offers.map((offer) => offer.interactionId))]),
      this.db
        .selectFrom("offers")
        .select(["id", "state", "createdAt", "expiresAt", "autoAnswerAt"])
        .where("id", "in", offers.map((offer) => offer.offerId))
        .execute(),
      this.maskersFor(offers.map((offer) => offer.agentId)),
    ]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const offer of offers) {
      const view = views.get(offer.interactionId);
      const row = byId.get(offer.offerId);
      const masker = maskers.get(offer.agentId);
      if (view && row && masker) {
        this.events.publish("offer.created", { offer: presentOffer(row, presentInteraction(view, masker)) }, { rooms: [userRoom(offer.agentId)] });
      }
    }
  }

  /** One event to every agent whose alert ended: an agent holds at most one alert per interaction. */
  offersWithdrawn(interactionId: string, offers: readonly { id: string; agentId: string }[], reason: WithdrawReason): void {
    if (offers.length === 0) {
      return;
    }
    this.events.publish("offer.withdrawn", { interactionId: interactionId as never, reason }, { rooms: [...new Set(offers.map((offer) => userRoom(offer.agentId)))] });
  }

  /** interaction.assigned / updated / closed to the owner (and any extra readers). */
  async interactionChanged(name: "interaction.assigned" | "interaction.updated" | "interaction.closed", interactionId: string, readers: readonly string[]): Promise<void> {
    if (readers.length === 0) {
      return;
    }
    const [views, maskers] = await Promise.all([findInteractionViews(this.db, [interactionId]), this.maskersFor(readers)]);
    const view = views.get(interactionId);
    if (!view) {
      return;
    }
    for (const reader of new Set(readers)) {
      const masker = maskers.get(reader);
      if (masker) {
        this.events.publish(name, { interaction: presentInteraction(view, masker) }, { rooms: [userRoom(reader)] });
      }
    }
  }
}
