import { sql } from "kysely";
import type { Channel } from "../../common/domain/channels.ts";
import type { Db, Tx } from "../db/database.ts";
import type { ContactStatus, MessageMedia } from "../db/tables.ts";
import { ConflictError, NotFoundError } from "../lib/errors.ts";
import { snippetOf, type MessageRow } from "./interaction.presenter.ts";
import { routeLocked, type RouteOutcome } from "./offer-router.ts";
import { SETTING_KEYS } from "../modules/settings/settings.service.ts";
import { maskCharactersOf, settingsOf, type InteractionRow, type InteractionViewRow, type QueueRoutingRow, type SettingsSnapshot } from "./routing.repository.ts";

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
  /** Appended to an open conversation: the conversation as read under its lock and who reads the message now. */
  readers?: MessageReaders;
  /** A new conversation routed in the transaction that stored it: its first alerts. */
  routed?: RouteOutcome;
}

/**
 * A customer's message on an entry point: appended to the open conversation with the same id, or the start of a
 * new interaction queued into the first queue of the entry point's chain and routed in the same transaction (the
 * conversation is never seen waiting with nobody alerted, and costs no second transaction). Committed before it is
 * acknowledged.
 */
export async function receiveInbound(db: Db, inbound: InboundMessage): Promise<Received | undefined> {
  try {
    return await db.transaction().execute((transaction) => receiveInTransaction(transaction, inbound, true));
  } catch (error) {
    // Two first messages of one conversation at once: the unique index lets one create it; the other appends. A
    // deadlock while routing: the message is stored without its routing, which the caller runs after the commit.
    if (isUniqueViolation(error) || isTransient(error)) {
      return db.transaction().execute((transaction) => receiveInTransaction(transaction, inbound, false));
    }
    throw error;
  }
}

async function receiveInTransaction(transaction: Tx, inbound: InboundMessage, route: boolean): Promise<Received | undefined> {
  const externalId = inbound.externalMessageId ?? null;
  const found = await findOpenConversation(transaction, inbound.entryPointId, inbound.conversationId, externalId);
  if (!found) {
    throw new NotFoundError("entry_point_not_found", "This entry point does not exist.");
  }
  if (found.earlierMessageId) {
    return readEarlierCopy(transaction, found.earlierMessageId);
  }
  if (found.open) {
    const message = await appendInbound(transaction, found.open.view.id, { body: inbound.body, externalId, media: inbound.media ?? [] });
    const view = { ...found.open.view, snippet: snippetOf(inbound.body), lastMessageAt: message.createdAt };
    return { interaction: view, message, created: false, duplicate: false, readers: { view, ...found.open.readers } };
  }
  if (inbound.startsConversation === false) {
    return undefined;
  }
  const { entryPoint } = found;
  if (!entryPoint.queue) {
    throw new ConflictError("entry_point_without_queues", "This entry point routes to no queue yet.");
  }
  const started = await startInteraction(transaction, { id: entryPoint.id, channel: entryPoint.channel, queue: entryPoint.queue }, inbound);
  if (!route) {
    return started;
  }
  // The new row is this transaction's own: nobody else can lock or see it before the commit.
  const routed = await routeLocked(transaction, {
    view: { ...started.interaction, entryPointName: entryPoint.name, queueName: entryPoint.queue.name },
    queue: entryPoint.queue,
    attemptId: started.attemptId,
    history: { pendingAgentIds: new Set(), rejectedAgentIds: new Set(), triedAgentIds: new Set() },
    settings: found.settings,
  });
  return { ...started, routed };
}

/** Who reads an appended message at once: the owner, or the agents alerted for a waiting conversation. */
export interface MessageReaders {
  view: InteractionViewRow;
  /** The owner, else every agent with a pending alert for it, with their "mask sensitive data". */
  readers: { agentId: string; maskSensitiveData: boolean }[];
  maskCharacters: number;
}

interface OpenConversation {
  /** The entry point and the first queue of its chain (where a new conversation starts). */
  entryPoint: { id: string; name: string; channel: Channel; queue: QueueRoutingRow | undefined };
  settings: SettingsSnapshot;
  earlierMessageId: string | null;
  open: { view: InteractionViewRow; readers: Omit<MessageReaders, "view"> } | undefined;
}

type OpenConversationRow = Omit<InteractionViewRow, "id"> & {
  id: string | null;
  entryPointChannel: Channel;
  entryPointOwnName: string;
  firstQueueId: string | null;
  firstQueueName: string | null;
  firstQueueChannel: Channel | null;
  firstQueueStrategy: QueueRoutingRow["strategy"] | null;
  firstQueueTimeoutSeconds: number | null;
  firstQueueOfferTimeoutSeconds: number | null;
  earlierMessageId: string | null;
  readers: { agentId: string; maskSensitiveData: boolean }[] | null;
  channelsSetting: unknown;
  accountSetting: unknown;
  securitySetting: unknown;
};

/**
 * One read under the conversation's lock (lock order: the interaction first): the entry point and the first queue of
 * its chain, the open conversation with this id as its readers see it, who reads a new message at once (its owner,
 * else the agents alerted for it) with their masking, and (with a provider's message id) an earlier copy of the
 * message. Undefined: no such entry point.
 */
async function findOpenConversation(transaction: Tx, entryPointId: string, conversationId: string, externalId: string | null): Promise<OpenConversation | undefined> {
  const result = await sql<OpenConversationRow>`
    select o.*, ep.name as entry_point_name, q.name as queue_name, ep.channel as entry_point_channel, ep.name as entry_point_own_name,
           first.queue_id as first_queue_id, first.name as first_queue_name, first.channel as first_queue_channel, first.strategy as first_queue_strategy,
           first.timeout_seconds as first_queue_timeout_seconds, first.offer_timeout_seconds as first_queue_offer_timeout_seconds,
           ${externalId === null ? sql`null::uuid` : sql`(select m.id from interaction_messages m where m.external_id = ${externalId})`} as earlier_message_id,
           case when o.owner_id is not null
                then (select json_agg(json_build_object('agentId', u.id, 'maskSensitiveData', u.mask_sensitive_data)) from users u where u.id = o.owner_id)
                else (select json_agg(json_build_object('agentId', a.agent_id, 'maskSensitiveData', u.mask_sensitive_data))
                        from offers a join users u on u.id = a.agent_id where a.interaction_id = o.id and a.state = 'pending') end as readers,
           (select value from settings where key = ${SETTING_KEYS.channels}) as channels_setting,
           (select value from settings where key = ${SETTING_KEYS.account}) as account_setting,
           (select value from settings where key = ${SETTING_KEYS.security}) as security_setting
      from entry_points ep
      left join lateral (select eq.queue_id, fq.name, fq.channel, fq.strategy, fq.timeout_seconds, fq.offer_timeout_seconds
                           from entry_point_queues eq join queues fq on fq.id = eq.queue_id
                          where eq.entry_point_id = ep.id order by eq.position limit 1) first on true
      left join lateral (select * from interactions
                          where entry_point_id = ep.id and external_id = ${conversationId} and state in ('queued', 'offered', 'active')
                          for update) o on true
      left join queues q on q.id = o.queue_id
     where ep.id = ${entryPointId}`.execute(transaction);
  const row = result.rows[0];
  if (!row) {
    return undefined;
  }
  const { earlierMessageId, readers, channelsSetting, accountSetting, securitySetting, id, entryPointChannel, entryPointOwnName, ...rest } = row;
  const { firstQueueId, firstQueueName, firstQueueChannel, firstQueueStrategy, firstQueueTimeoutSeconds, firstQueueOfferTimeoutSeconds, ...interaction } = rest;
  const queue =
    firstQueueId && firstQueueChannel && firstQueueStrategy && firstQueueTimeoutSeconds !== null && firstQueueOfferTimeoutSeconds !== null
      ? { id: firstQueueId, name: firstQueueName ?? "", channel: firstQueueChannel, strategy: firstQueueStrategy, timeoutSeconds: firstQueueTimeoutSeconds, offerTimeoutSeconds: firstQueueOfferTimeoutSeconds }
      : undefined;
  const entryPoint = { id: entryPointId, name: entryPointOwnName, channel: entryPointChannel, queue };
  const settings = settingsOf({ channelsSetting, accountSetting, securitySetting });
  if (id === null) {
    return { entryPoint, settings, earlierMessageId, open: undefined };
  }
  // Fail closed: a reader who cannot be found sees masked data.
  const view = { ...interaction, id };
  return {
    entryPoint,
    settings,
    earlierMessageId,
    open: { view, readers: { readers: (readers ?? []).map((reader) => ({ agentId: reader.agentId, maskSensitiveData: reader.maskSensitiveData ?? true })), maskCharacters: maskCharactersOf(securitySetting) } },
  };
}

/** The message and the conversation's snippet and last message time, in one statement. */
async function appendInbound(transaction: Tx, interactionId: string, message: { body: string; externalId: string | null; media: MessageMedia[] }): Promise<MessageRow> {
  const result = await sql<MessageRow>`
    with message as (
      insert into interaction_messages (interaction_id, direction, author_id, body, delivery, external_id, media)
      values (${interactionId}, 'inbound', null, ${message.body}, 'none', ${message.externalId}, ${JSON.stringify(message.media)}::jsonb)
      returning *
    ), touched as (
      update interactions set last_message_at = now(), snippet = ${snippetOf(message.body)}, updated_at = now() where id = ${interactionId}
    )
    select * from message`.execute(transaction);
  const row = result.rows[0];
  if (!row) {
    throw new Error("the message was not written");
  }
  return row;
}

/**
 * A new interaction queued into the first queue of its chain, its queue attempt (report row) and its first
 * message, in one statement.
 */
async function startInteraction(transaction: Tx, entryPoint: { id: string; channel: Channel; queue: QueueRoutingRow }, inbound: InboundMessage): Promise<Received & { attemptId: string }> {
  const contact = inbound.contact ?? null;
  const media = inbound.media ?? [];
  const result = await sql<InteractionRow & { messageId: string; messageCreatedAt: Date; attemptId: string }>`
    with created as (
      insert into interactions (channel, entry_point_id, external_id, customer_address, customer_name, queue_id, chain_position, state,
                                queued_at, queue_deadline_at, snippet, last_message_at, contact_id, contact_status, customer_opted_out)
      values (${entryPoint.channel}, ${entryPoint.id}, ${inbound.conversationId}, ${inbound.customerAddress}, ${contact?.name ?? inbound.customerName ?? null},
              ${entryPoint.queue.id}, 0, 'queued', now(), now() + make_interval(secs => ${entryPoint.queue.timeoutSeconds}), ${snippetOf(inbound.body)}, now(),
              ${contact?.id ?? null}, ${contact?.status ?? null}, ${inbound.customerOptedOut ?? false})
      returning *
    ), attempt as (
      insert into queue_attempts (interaction_id, queue_id, channel) select id, queue_id, channel from created returning id
    ), message as (
      insert into interaction_messages (interaction_id, direction, author_id, body, delivery, external_id, media)
      select id, 'inbound', null, ${inbound.body}, 'none', ${inbound.externalMessageId ?? null}, ${JSON.stringify(media)}::jsonb from created
      returning id, created_at
    )
    select created.*, message.id as "messageId", message.created_at as "messageCreatedAt", attempt.id as "attemptId" from created, message, attempt`.execute(transaction);
  const row = result.rows[0];
  if (!row) {
    throw new Error("the new interaction was not written");
  }
  const { messageId, messageCreatedAt, attemptId, ...interaction } = row;
  const message: MessageRow = { id: messageId, interactionId: interaction.id, direction: "inbound", authorId: null, body: inbound.body, delivery: "none", createdAt: messageCreatedAt, media };
  return { interaction, message, created: true, duplicate: false, attemptId };
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
  return errorCode(error) === "23505";
}

/** A deadlock or a serialization failure: the transaction may simply be run again. */
function isTransient(error: unknown): boolean {
  return errorCode(error) === "40P01" || errorCode(error) === "40001";
}

function errorCode(error: unknown): unknown {
  return typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
}
