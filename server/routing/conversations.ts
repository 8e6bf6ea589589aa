import { sql } from "kysely";
import type { Channel } from "../../common/domain/channels.ts";
import type { Db, Tx } from "../db/database.ts";
import type { ContactStatus, MessageMedia } from "../db/tables.ts";
import { ConflictError, NotFoundError } from "../lib/errors.ts";
import { snippetOf, type MessageRow } from "./interaction.presenter.ts";
import type { InteractionRow } from "./routing.repository.ts";

export interface InboundMessage {
  entryPointId: string;
  conversationId: string;
  customerAddress: string;
  customerName?: string | undefined;
  body: string;
  /** The provider's id of this message (Twilio's MessageSid): a second delivery of it is recognised, stored once. */
  externalMessageId?: string | undefined;
  media?: MessageMedia[] | undefined;
  /** Texting: the contact the number belongs to (its name and status show on the alert). */
  contact?: { id: string; name: string; status: ContactStatus } | null | undefined;
  /** Texting: the customer opted out of messages (a new conversation starts with replies refused). */
  customerOptedOut?: boolean | undefined;
  /** false: only an open conversation takes the message; with none open, nothing is stored (an opt-out keyword). */
  startsConversation?: boolean | undefined;
}

export interface Received {
  interaction: InteractionRow;
  message: MessageRow;
  created: boolean;
  /** The message was stored by an earlier delivery: nothing changed now. */
  duplicate: boolean;
}

/**
 * A customer's message on an entry point: appended to the open conversation with the same id, or the start of a
 * new interaction queued into the first queue of the entry point's chain. Committed before it is acknowledged.
 */
export async function receiveInbound(db: Db, inbound: InboundMessage): Promise<Received | undefined> {
  try {
    return await db.transaction().execute((transaction) => receiveInTransaction(transaction, inbound));
  } catch (error) {
    // Two first messages of one conversation at once: the unique index lets one create it; the other appends.
    if (isUniqueViolation(error)) {
      return db.transaction().execute((transaction) => receiveInTransaction(transaction, inbound));
    }
    throw error;
  }
}

async function receiveInTransaction(transaction: Tx, inbound: InboundMessage): Promise<Received | undefined> {
  // The entry point, the first queue of its chain and (with a provider's message id) an earlier copy, in one read.
  const externalId = inbound.externalMessageId ?? null;
  const entryPoint = await transaction
    .selectFrom("entryPoints")
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("entryPointQueues")
          .innerJoin("queues", "queues.id", "entryPointQueues.queueId")
          .select(["queues.id as queueId", "queues.timeoutSeconds"])
          .whereRef("entryPointQueues.entryPointId", "=", "entryPoints.id")
          .orderBy("entryPointQueues.position")
          .limit(1)
          .as("first"),
      (join) => join.onTrue(),
    )
    .select(["entryPoints.id", "entryPoints.channel", "first.queueId", "first.timeoutSeconds"])
    .select(
      externalId === null
        ? sql<string | null>`null::uuid`.as("earlierMessageId")
        : (eb) => eb.selectFrom("interactionMessages").select("interactionMessages.id").where("interactionMessages.externalId", "=", externalId).as("earlierMessageId"),
    )
    .where("entryPoints.id", "=", inbound.entryPointId)
    .executeTakeFirst();
  if (!entryPoint) {
    throw new NotFoundError("entry_point_not_found", "This entry point does not exist.");
  }
  if (entryPoint.earlierMessageId) {
    return readEarlierCopy(transaction, entryPoint.earlierMessageId);
  }
  const open = (await transaction
    .selectFrom("interactions")
    .selectAll()
    .where("entryPointId", "=", entryPoint.id)
    .where("externalId", "=", inbound.conversationId)
    .where("state", "in", ["queued", "offered", "active"])
    .forUpdate()
    .executeTakeFirst()) as InteractionRow | undefined;
  if (open) {
    const message = await addMessage(transaction, open.id, { direction: "inbound", authorId: null, body: inbound.body, delivery: "none", externalId, media: inbound.media ?? [] });
    return { interaction: { ...open, snippet: snippetOf(inbound.body), lastMessageAt: message.createdAt }, message, created: false, duplicate: false };
  }
  if (inbound.startsConversation === false) {
    return undefined;
  }
  if (!entryPoint.queueId || entryPoint.timeoutSeconds === null) {
    throw new ConflictError("entry_point_without_queues", "This entry point routes to no queue yet.");
  }
  return startInteraction(transaction, { id: entryPoint.id, channel: entryPoint.channel, queueId: entryPoint.queueId, timeoutSeconds: entryPoint.timeoutSeconds }, inbound);
}

/**
 * A new interaction queued into the first queue of its chain, its queue attempt (report row) and its first
 * message, in one statement.
 */
async function startInteraction(transaction: Tx, entryPoint: { id: string; channel: Channel; queueId: string; timeoutSeconds: number }, inbound: InboundMessage): Promise<Received> {
  const contact = inbound.contact ?? null;
  const media = inbound.media ?? [];
  const result = await sql<InteractionRow & { messageId: string; messageCreatedAt: Date }>`
    with created as (
      insert into interactions (channel, entry_point_id, external_id, customer_address, customer_name, queue_id, chain_position, state,
                                queued_at, queue_deadline_at, snippet, last_message_at, contact_id, contact_status, customer_opted_out)
      values (${entryPoint.channel}, ${entryPoint.id}, ${inbound.conversationId}, ${inbound.customerAddress}, ${contact?.name ?? inbound.customerName ?? null},
              ${entryPoint.queueId}, 0, 'queued', now(), now() + make_interval(secs => ${entryPoint.timeoutSeconds}), ${snippetOf(inbound.body)}, now(),
              ${contact?.id ?? null}, ${contact?.status ?? null}, ${inbound.customerOptedOut ?? false})
      returning *
    ), attempt as (
      insert into queue_attempts (interaction_id, queue_id, channel) select id, queue_id, channel from created
    ), message as (
      insert into interaction_messages (interaction_id, direction, author_id, body, delivery, external_id, media)
      select id, 'inbound', null, ${inbound.body}, 'none', ${inbound.externalMessageId ?? null}, ${JSON.stringify(media)}::jsonb from created
      returning id, created_at
    )
    select created.*, message.id as "messageId", message.created_at as "messageCreatedAt" from created, message`.execute(transaction);
  const row = result.rows[0];
  if (!row) {
    throw new Error("the new interaction was not written");
  }
  const { messageId, messageCreatedAt, ...interaction } = row;
  const message: MessageRow = { id: messageId, interactionId: interaction.id, direction: "inbound", authorId: null, body: inbound.body, delivery: "none", createdAt: messageCreatedAt, media };
  return { interaction, message, created: true, duplicate: false };
}

/** A message a provider delivered again (Twilio retries a webhook it saw no answer to): the stored copy. */
async function readEarlierCopy(transaction: Tx, messageId: string): Promise<Received> {
  const message = await transaction.selectFrom("interactionMessages").selectAll().where("id", "=", messageId).executeTakeFirstOrThrow();
  const interaction = (await transaction.selectFrom("interactions").selectAll().where("id", "=", message.interactionId).executeTakeFirstOrThrow()) as InteractionRow;
  return { interaction, message, created: false, duplicate: true };
}

export async function addMessage(
  transaction: Tx,
  interactionId: string,
  message: { direction: "inbound" | "outbound"; authorId: string | null; body: string; delivery: MessageRow["delivery"]; externalId?: string | null; media?: MessageMedia[] },
): Promise<MessageRow> {
  const { media, ...fields } = message;
  const row = await transaction
    .insertInto("interactionMessages")
    .values({ interactionId, ...fields, ...(media && media.length > 0 ? { media: JSON.stringify(media) } : {}) })
    .returningAll()
    .executeTakeFirstOrThrow();
  await transaction
    .updateTable("interactions")
    .set({ lastMessageAt: sql<Date>`now()`, snippet: snippetOf(message.body), updatedAt: sql<Date>`now()` })
    .where("id", "=", interactionId)
    .execute();
  return row;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error).code === "23505";
}
