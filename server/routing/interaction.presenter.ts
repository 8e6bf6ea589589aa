import type { Interaction, InteractionMessage, Offer } from "../../common/api/interactions.ts";
import type { Channel } from "../../common/domain/channels.ts";
import type { MaskedKind } from "../../common/domain/masking.ts";
import type { Executor } from "../db/database.ts";
import type { MessageMedia } from "../db/tables.ts";
import type { ContactMasker } from "../modules/masking/contact-masking.service.ts";
import type { InteractionRow } from "./routing.repository.ts";

export interface InteractionView extends InteractionRow {
  entryPointName: string | null;
  queueName: string | null;
}

export async function findInteractionViews(executor: Executor, interactionIds: readonly string[]): Promise<Map<string, InteractionView>> {
  if (interactionIds.length === 0) {
    return new Map();
  }
  const rows = await executor
    .selectFrom("interactions")
    .leftJoin("entryPoints", "entryPoints.id", "interactions.entryPointId")
    .leftJoin("queues", "queues.id", "interactions.queueId")
    .selectAll("interactions")
    .select(["entryPoints.name as entryPointName", "queues.name as queueName"])
    .where("interactions.id", "in", [...interactionIds])
    .execute();
  return new Map(rows.map((row) => [row.id, row as InteractionView]));
}

// The customer's address is a phone number on phone channels, an e-mail address on e-mail, else an id.
function addressKind(channel: Channel): MaskedKind {
  if (channel === "email") {
    return "email";
  }
  if (channel === "sms" || channel === "voice" || channel === "whatsapp" || channel === "fax") {
    return "phone";
  }
  return "name";
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/** Every read of an interaction for a person goes through their masker (product.md, mask sensitive data). */
export function presentInteraction(view: InteractionView, masker: ContactMasker): Interaction {
  return {
    id: view.id as Interaction["id"],
    channel: view.channel,
    entryPointId: view.entryPointId as Interaction["entryPointId"],
    entryPointName: view.entryPointName,
    customerAddress: masker.value(view.customerAddress, addressKind(view.channel)),
    customerName: masker.value(view.customerName, "name"),
    state: view.state,
    ownerId: view.ownerId as Interaction["ownerId"],
    queueId: view.queueId as Interaction["queueId"],
    queueName: view.queueName,
    openedAt: iso(view.openedAt) ?? "",
    queuedAt: iso(view.queuedAt) ?? "",
    acceptedAt: iso(view.acceptedAt),
    closedAt: iso(view.closedAt),
    lastMessageAt: iso(view.lastMessageAt),
    snippet: view.snippet,
    contactId: view.contactId,
    contactStatus: view.contactStatus,
    customerOptedOut: view.customerOptedOut,
  };
}

export interface OfferRow {
  id: string;
  state: Offer["state"];
  createdAt: Date;
  expiresAt: Date | null;
  autoAnswerAt: Date | null;
}

export function presentOffer(offer: OfferRow, interaction: Interaction): Offer {
  return {
    id: offer.id as Offer["id"],
    state: offer.state,
    createdAt: iso(offer.createdAt) ?? "",
    expiresAt: iso(offer.expiresAt),
    autoAnswerAt: iso(offer.autoAnswerAt),
    interaction,
  };
}

export interface MessageRow {
  id: string;
  interactionId: string;
  direction: "inbound" | "outbound";
  authorId: string | null;
  body: string;
  delivery: InteractionMessage["delivery"];
  createdAt: Date;
  deliveryErrorCode?: number | null;
  deliveryError?: string | null;
  media?: MessageMedia[];
}

export function presentMessage(message: MessageRow): InteractionMessage {
  return {
    id: message.id,
    interactionId: message.interactionId as InteractionMessage["interactionId"],
    direction: message.direction,
    authorId: message.authorId as InteractionMessage["authorId"],
    body: message.body,
    delivery: message.delivery,
    deliveryError: message.deliveryError ? { code: message.deliveryErrorCode ?? null, message: message.deliveryError } : null,
    media: message.media ?? [],
    createdAt: iso(message.createdAt) ?? "",
  };
}

/** The snippet shown on an alert and a tab: the start of the latest message. */
export function snippetOf(body: string): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat;
}
