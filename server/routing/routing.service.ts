import { sql } from "kysely";
import type { Logger } from "pino";
import type { Inbox, Interaction, InteractionMessage, MessagesQuery, OpenInteractionDisposition } from "../../common/api/interactions.ts";
import { fillPlaceholders, hasPlaceholders, type TemplatePlaceholder } from "../../common/domain/texting.ts";
import type { Channel } from "../../common/domain/channels.ts";
import type { Db, Tx } from "../db/database.ts";
import type { EventBus } from "../lib/event-bus.ts";
import { ConflictError, NotFoundError } from "../lib/errors.ts";
import type { Actor } from "../modules/auth/principal.ts";
import type { SettingsService } from "../modules/settings/settings.service.ts";
import { createContactMasker } from "../modules/masking/contact-masking.service.ts";
import { userRoom } from "../realtime/rooms.ts";
import { acceptInteraction, refusalBeforeLocking, type AcceptOptions } from "./acceptance.ts";
import { addMessage, receiveInbound, type InboundMessage, type MessageReaders } from "./conversations.ts";
import { DrainScheduler } from "./drain-scheduler.ts";
import { findInteractionViews, presentInteraction, presentMessage, presentOffer, type MessageRow } from "./interaction.presenter.ts";
import { abandonInteraction, closeOwned, endOffer, enterQueue, expireOffer, timeOutQueue, type Ended } from "./lifecycle.ts";
import { routeInteraction, type RouteOutcome } from "./offer-router.ts";
import { findMessagesPage, updateMessageDelivery, type DeliveryChange } from "./messages.repository.ts";
import { closeOwnedInteraction, findQueue, findQueueChain, findQueueIdsOfAgents, findWaiting, lockWaitingInteraction, openAttempt, whyNotClosed, type InteractionRow } from "./routing.repository.ts";
import { RoutingPublisher, type WithdrawReason } from "./routing-publisher.ts";

/** Delivers an agent's reply on a channel: enqueue a durable job inside the reply's transaction, answer the state. */
export type OutboundDeliverer = (transaction: Tx, reply: { interaction: InteractionRow; message: MessageRow; entryPointId: string | null }) => Promise<"pending" | "none">;

const DRAIN_BATCH = 500;

/**
 * The routing engine's use-cases (issue 4). Every step that changes who holds what is one short transaction with
 * row locks (see routing.repository.ts for the lock order); events leave after the commit; routing runs again on
 * every change that can alter the answer, coalesced per process, and the worker's sweep catches the rest.
 */
export class RoutingService {
  readonly publisher: RoutingPublisher;
  private readonly scheduler: DrainScheduler;
  private readonly outbound = new Map<Channel, OutboundDeliverer>();
  private readonly lookups = new Set<Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    private readonly settings: SettingsService,
    private readonly logger: Logger,
  ) {
    this.publisher = new RoutingPublisher(db, events, settings);
    this.scheduler = new DrainScheduler(
      (queueIds) => this.drain(queueIds),
      (error) => this.logger.error({ err: error }, "routing drain failed"),
    );
  }

  registerOutbound(channel: Channel, deliver: OutboundDeliverer): void {
    this.outbound.set(channel, deliver);
  }

  // --- Triggers -------------------------------------------------------------------------------------------

  routeAll(): void {
    this.scheduler.request("all");
  }

  routeQueues(queueIds: readonly string[]): void {
    this.scheduler.request(queueIds);
  }

  routeForAgent(agentId: string): void {
    this.routeForAgents([agentId]);
  }

  /** The queues of all these agents, looked up in one query (a ring-all accept frees every alerted agent at once). */
  routeForAgents(agentIds: readonly string[]): void {
    if (agentIds.length === 0) {
      return;
    }
    const lookup = findQueueIdsOfAgents(this.db, agentIds)
      .then((queueIds) => this.scheduler.request(queueIds))
      .catch((error: unknown) => this.logger.error({ err: error, agentIds }, "routing for agents failed"))
      .finally(() => this.lookups.delete(lookup));
    this.lookups.add(lookup);
  }

  /**
   * An agent's availability changed (status, pause, channel setting, membership): the alerts they can no longer take
   * end, then their queues are routed. Followed by `idle()`.
   */
  availabilityChanged(agentId: string): void {
    const work: Promise<void> = this.withdrawOffersOf(agentId)
      .catch((error: unknown) => this.logger.error({ err: error, agentId }, "withdrawing an unavailable agent's offers failed"))
      .finally(() => {
        this.lookups.delete(work);
        this.routeForAgent(agentId);
      });
    this.lookups.add(work);
  }

  /** Settled once every routing request made so far is served: tests and shutdown. */
  async idle(): Promise<void> {
    while (this.lookups.size > 0) {
      await Promise.all([...this.lookups]);
    }
    await this.scheduler.idle();
  }

  async stop(): Promise<void> {
    await this.idle();
    await this.scheduler.stop();
  }

  // --- Inbound --------------------------------------------------------------------------------------------

  async receiveMessage(inbound: InboundMessage): Promise<ReceivedMessage> {
    const received = await this.receive(inbound);
    if (!received) {
      throw new Error("a message that may start a conversation was not stored");
    }
    return received;
  }

  /** Continues the customer's open conversation; with none open, stores nothing and answers undefined. */
  async continueConversation(inbound: InboundMessage): Promise<ReceivedMessage | undefined> {
    return this.receive({ ...inbound, startsConversation: false });
  }

  private async receive(inbound: InboundMessage): Promise<ReceivedMessage | undefined> {
    const received = await receiveInbound(this.db, inbound);
    if (!received) {
      return undefined;
    }
    const { interaction: row, message, created, duplicate, readers } = received;
    if (created) {
      this.queueChanged(row.id);
      if (received.routed) {
        this.publisher.routed(received.routed);
      }
      const routed = received.routed ?? (await this.routeNow(row.id));
      if (routed?.view) {
        // The caller is the integration that sent the customer's own message: nothing to mask.
        return { interaction: presentInteraction(routed.view, unmasked), message: presentMessage(message), created: true, duplicate: false };
      }
    } else if (readers) {
      // product.md, Two-way texting: once accepted, later messages alert only the owner; while it waits, every
      // alert for it shows the new snippet. Presented from what the append read under the lock: nothing is read again.
      this.publishAppended(message, readers);
      return { interaction: presentInteraction(readers.view, unmasked), message: presentMessage(message), created: false, duplicate: false };
    }
    const view = (await findInteractionViews(this.db, [row.id])).get(row.id);
    // The caller is the integration that sent the customer's own message: nothing to mask.
    return { interaction: presentInteraction(view ?? { ...row, entryPointName: null, queueName: null }, unmasked), message: presentMessage(message), created, duplicate };
  }

  private publishAppended(message: MessageRow, { view, readers, maskCharacters }: MessageReaders): void {
    const owner = view.ownerId;
    if (owner) {
      this.publishMessage(message, [owner]);
    }
    const masked = readers.some((reader) => reader.maskSensitiveData) ? createContactMasker(true, maskCharacters) : undefined;
    const plain = readers.some((reader) => !reader.maskSensitiveData) ? createContactMasker(false, maskCharacters) : undefined;
    for (const reader of readers) {
      const masker = reader.maskSensitiveData ? masked : plain;
      if (masker) {
        this.publisher.interactionChangedFor("interaction.updated", view, { id: reader.agentId, masker });
      }
    }
  }

  /** The customer left (closed the chat): waiting, it ends abandoned; being worked, it closes. */
  async abandon(entryPointId: string, conversationId: string): Promise<void> {
    const open = await this.db
      .selectFrom("interactions")
      .select("id")
      .where("entryPointId", "=", entryPointId)
      .where("externalId", "=", conversationId)
      .where("state", "in", [sql.lit("queued" as const), sql.lit("offered" as const), sql.lit("active" as const)])
      .executeTakeFirst();
    if (!open) {
      throw new NotFoundError("conversation_not_found", "No open conversation has this id.");
    }
    await this.abandonById(open.id);
  }

  async abandonById(interactionId: string): Promise<void> {
    const ended = await abandonInteraction(this.db, interactionId);
    if (ended.ended) {
      this.queueChanged(interactionId);
    }
    this.publisher.offersWithdrawn(interactionId, ended.withdrawn, "abandoned");
    if (ended.ownerId) {
      await this.publisher.interactionChanged("interaction.closed", interactionId, [ended.ownerId]);
      this.routeForAgent(ended.ownerId);
    }
    this.afterOffersEnded(ended.withdrawn);
  }

  // --- Agent actions --------------------------------------------------------------------------------------

  async accept(actor: Actor, interactionId: string): Promise<Interaction> {
    return this.acceptAs(actor.principal.user.id, interactionId);
  }

  async acceptAs(agentId: string, interactionId: string, options: AcceptOptions = {}): Promise<Interaction> {
    if (options.requireOffer !== false) {
      const refusal = await refusalBeforeLocking(this.db, agentId, interactionId);
      if (refusal) {
        throw refusal;
      }
    }
    const accepted = await acceptInteraction(this.db, agentId, interactionId, options);
    const reader = { id: agentId, masker: createContactMasker(accepted.maskSensitiveData, accepted.maskCharacters) };
    if (accepted.alreadyOwned) {
      return presentInteraction(accepted.view, reader.masker);
    }
    this.publisher.offersWithdrawn(interactionId, accepted.withdrawn, "accepted_elsewhere");
    const interaction = this.publisher.interactionChangedFor("interaction.assigned", accepted.view, reader);
    this.afterOffersEnded(accepted.withdrawn);
    return interaction;
  }

  async reject(actor: Actor, interactionId: string): Promise<void> {
    const agentId = actor.principal.user.id;
    const ended = await endOffer(this.db, interactionId, agentId, "rejected");
    if (ended.withdrawn.length === 0) {
      throw new ConflictError("offer_not_found", "This interaction is not offered to you.");
    }
    this.publisher.offersWithdrawn(interactionId, ended.withdrawn, "rejected");
    await this.routeNow(interactionId);
    this.routeForAgent(agentId);
  }

  async close(actor: Actor, interactionId: string): Promise<Interaction> {
    return this.closeAs(actor.principal.user.id, interactionId);
  }

  async closeAs(agentId: string, interactionId: string): Promise<Interaction> {
    const closed = await closeOwnedInteraction(this.db, interactionId, agentId);
    if (!closed) {
      if ((await whyNotClosed(this.db, interactionId, agentId)) === "not_owner") {
        throw new NotFoundError("interaction_not_found", "This interaction is not yours.");
      }
      throw new ConflictError("interaction_closed", "This interaction is closed.");
    }
    const interaction = this.publisher.interactionChangedFor("interaction.closed", closed.view, { id: agentId, masker: createContactMasker(closed.maskSensitiveData, closed.maskCharacters) });
    this.routeForAgent(agentId);
    return interaction;
  }

  async reply(actor: Actor, interactionId: string, body: string): Promise<InteractionMessage> {
    const agentId = actor.principal.user.id;
    const message = await this.db.transaction().execute(async (transaction) => {
      const interaction = await this.lockOwned(transaction, agentId, interactionId);
      // Issue 5, item 3: an opted-out customer gets nothing; refused here, before anything is stored or sent.
      if (interaction.customerOptedOut) {
        throw new ConflictError("customer_opted_out", "This customer opted out of messages (they texted STOP): nothing is sent until they text START.");
      }
      const text = hasPlaceholders(body) ? fillPlaceholders(body, await placeholderValues(transaction, interaction, agentId)) : body;
      const row = await addMessage(transaction, interactionId, { direction: "outbound", authorId: agentId, body: text, delivery: "none" });
      const deliver = this.outbound.get(interaction.channel);
      const delivery = deliver ? await deliver(transaction, { interaction, message: row, entryPointId: interaction.entryPointId }) : "none";
      if (delivery !== row.delivery) {
        await transaction.updateTable("interactionMessages").set({ delivery }).where("id", "=", row.id).execute();
      }
      return { ...row, delivery };
    });
    this.publishMessage(message, [agentId]);
    return presentMessage(message);
  }

  async markDelivery(messageId: string, delivery: "delivered" | "failed"): Promise<void> {
    await this.updateDelivery(messageId, { delivery });
  }

  /**
   * A channel's news of an outbound message: its delivery moves forward only (a late callback never takes a
   * delivered message back to sent), with the provider's id and error when given. Pushed live to the owner.
   * Answers the message when it changed.
   */
  async updateDelivery(messageId: string, change: DeliveryChange): Promise<InteractionMessage | undefined> {
    const row = await updateMessageDelivery(this.db, messageId, change);
    if (!row) {
      return undefined;
    }
    await this.publishDeliveryChange(row);
    return presentMessage(row);
  }

  /** A failed attempt that will be retried: the error shows beside "Sending…"; the delivery stays pending. */
  async noteDeliveryError(messageId: string, error: { code: number | null; message: string }): Promise<void> {
    const row = await this.db
      .updateTable("interactionMessages")
      .set({ deliveryErrorCode: error.code, deliveryError: error.message })
      .where("id", "=", messageId)
      .where("delivery", "=", "pending")
      .returningAll()
      .executeTakeFirst();
    if (row) {
      await this.publishDeliveryChange(row);
    }
  }

  private async publishDeliveryChange(row: MessageRow): Promise<void> {
    const interaction = await this.db.selectFrom("interactions").select("ownerId").where("id", "=", row.interactionId).executeTakeFirst();
    this.publishMessage(row, [interaction?.ownerId ?? row.authorId].filter((id): id is string => Boolean(id)));
  }

  /** Messages of an interaction for a reader the caller has already allowed (a contact's history). */
  async readMessages(interactionId: string, query: MessagesQuery): Promise<{ items: InteractionMessage[]; hasMore: boolean }> {
    const page = await findMessagesPage(this.db, interactionId, query);
    return { items: page.rows.map((row) => presentMessage(row)), hasMore: page.hasMore };
  }

  /** The conversation's messages, oldest first: all of them, or a page of `limit` before the message `before`. */
  async messages(actor: Actor, interactionId: string, query: MessagesQuery = {}): Promise<{ items: InteractionMessage[]; hasMore: boolean }> {
    await this.assertReader(actor, interactionId);
    const page = await findMessagesPage(this.db, interactionId, query);
    return { items: page.rows.map((row) => presentMessage(row)), hasMore: page.hasMore };
  }

  async get(actor: Actor, interactionId: string): Promise<Interaction> {
    await this.assertReader(actor, interactionId);
    return this.readFor(actor.principal.user.id, interactionId);
  }

  /** The desktop's live state: pending offers and open interactions. */
  async inbox(agentId: string): Promise<Inbox> {
    const [offers, owned] = await Promise.all([
      this.db
        .selectFrom("offers")
        .select(["id", "state", "createdAt", "expiresAt", "autoAnswerAt", "interactionId"])
        .where("agentId", "=", agentId)
        .where("state", "=", sql.lit("pending"))
        .orderBy("createdAt")
        .execute(),
      this.db.selectFrom("interactions").select("id").where("ownerId", "=", agentId).where("state", "=", sql.lit("active")).orderBy("acceptedAt").execute(),
    ]);
    const views = await findInteractionViews(this.db, [...offers.map((offer) => offer.interactionId), ...owned.map((row) => row.id)]);
    const masker = (await this.publisher.maskersFor([agentId])).get(agentId) ?? unmasked;
    return {
      offers: offers.flatMap((offer) => {
        const view = views.get(offer.interactionId);
        return view ? [presentOffer(offer, presentInteraction(view, masker))] : [];
      }),
      interactions: owned.flatMap((row) => {
        const view = views.get(row.id);
        return view ? [presentInteraction(view, masker)] : [];
      }),
    };
  }

  /** At sign-out: the agent's open interactions go back to their queue's chain start, or close. */
  async releaseOpenInteractions(agentId: string, disposition: OpenInteractionDisposition): Promise<number> {
    const owned = await this.db.selectFrom("interactions").select("id").where("ownerId", "=", agentId).where("state", "=", sql.lit("active")).execute();
    for (const { id } of owned) {
      if (disposition === "close") {
        await this.closeAs(agentId, id);
      } else {
        await this.requeue(agentId, id);
      }
    }
    return owned.length;
  }

  async requeue(agentId: string, interactionId: string): Promise<void> {
    await this.db.transaction().execute(async (transaction) => {
      const interaction = await this.lockOwned(transaction, agentId, interactionId);
      const queue = interaction.queueId ? await findQueue(transaction, interaction.queueId) : undefined;
      const chain = interaction.entryPointId ? await findQueueChain(transaction, interaction.entryPointId) : [];
      const target = queue ?? chain[0];
      if (!target) {
        await closeOwned(transaction, interaction, agentId);
        return;
      }
      await transaction.updateTable("agentPresence").set({ idleSince: sql<Date>`now()` }).where("userId", "=", agentId).execute();
      await enterQueue(transaction, interaction, target, queue ? interaction.chainPosition : 0);
    });
    await this.publisher.interactionChanged("interaction.closed", interactionId, [agentId]);
    this.queueChanged(interactionId);
    await this.routeNow(interactionId);
  }

  // --- Voice (telephony events; media stays outside Switchboard) -------------------------------------------

  async startCall(call: { entryPointId?: string | undefined; queueId?: string | undefined; callId: string; customerAddress: string; agentId: string }): Promise<Interaction> {
    const offered = await this.db.transaction().execute(async (transaction) => {
      const existing = await transaction.selectFrom("interactions").select(["id"]).where("channel", "=", "voice").where("externalId", "=", call.callId).executeTakeFirst();
      if (existing) {
        return { interactionId: existing.id, offer: undefined };
      }
      const interaction = await transaction
        .insertInto("interactions")
        .values({ channel: "voice", entryPointId: call.entryPointId ?? null, externalId: call.callId, customerAddress: call.customerAddress, queueId: call.queueId ?? null, state: "offered" })
        .returningAll()
        .executeTakeFirstOrThrow();
      const attemptId = call.queueId ? await openAttempt(transaction, interaction, call.queueId) : interaction.id;
      const offer = await transaction
        .insertInto("offers")
        .values({ interactionId: interaction.id, agentId: call.agentId, queueId: call.queueId ?? null, channel: "voice", attemptId })
        .returning("id")
        .executeTakeFirstOrThrow();
      return { interactionId: interaction.id, offer: { offerId: offer.id, agentId: call.agentId, interactionId: interaction.id } };
    });
    if (offered.offer) {
      await this.publisher.offersCreated([offered.offer]);
    }
    return this.readFor(call.agentId, offered.interactionId);
  }

  async answerCall(callId: string, agentId: string): Promise<Interaction> {
    const interaction = await this.findCall(callId);
    return this.acceptAs(agentId, interaction.id, { ignoreStatus: true, requireOffer: false });
  }

  async endCall(callId: string): Promise<{ interaction: Interaction; agentId: string | null }> {
    const call = await this.findCall(callId);
    if (call.state === "active" && call.ownerId) {
      await this.closeAs(call.ownerId, call.id);
    } else if (call.state === "queued" || call.state === "offered") {
      await this.abandonById(call.id);
    }
    const reader = call.ownerId ?? null;
    const view = (await findInteractionViews(this.db, [call.id])).get(call.id);
    if (!view) {
      throw new NotFoundError("call_not_found", "No call has this id.");
    }
    return { interaction: presentInteraction(view, unmasked), agentId: reader };
  }

  private async findCall(callId: string): Promise<InteractionRow> {
    const call = (await this.db.selectFrom("interactions").selectAll().where("channel", "=", "voice").where("externalId", "=", callId).orderBy("openedAt", "desc").executeTakeFirst()) as
      | InteractionRow
      | undefined;
    if (!call) {
      throw new NotFoundError("call_not_found", "No call has this id.");
    }
    return call;
  }

  // --- Timers (RoutingWorker) ------------------------------------------------------------------------------

  /** Runs every due timer once: offer timeouts, auto-answers, queue timeouts, offers to agents who left. */
  async runDueTimers(): Promise<void> {
    const [expiredOffers, autoAnswers, deadlines, stale] = await Promise.all([
      this.db.selectFrom("offers").select(["id", "interactionId"]).where("state", "=", sql.lit("pending")).where("expiresAt", "<=", sql<Date>`now()`).limit(200).execute(),
      this.db.selectFrom("offers").select(["interactionId", "agentId"]).where("state", "=", sql.lit("pending")).where("autoAnswerAt", "<=", sql<Date>`now()`).orderBy("autoAnswerAt").limit(200).execute(),
      this.db.selectFrom("interactions").select("id").where("state", "in", [sql.lit("queued" as const), sql.lit("offered" as const)]).where("queueDeadlineAt", "<=", sql<Date>`now()`).limit(200).execute(),
      findStaleOffers(this.db),
    ]);
    for (const offer of expiredOffers) {
      await this.afterEnded(await expireOffer(this.db, offer.id, offer.interactionId), "expired");
    }
    for (const offer of autoAnswers) {
      await this.autoAnswer(offer.interactionId, offer.agentId);
    }
    for (const interaction of deadlines) {
      await this.afterEnded(await timeOutQueue(this.db, interaction.id), "timed_out");
    }
    for (const offer of stale) {
      await this.afterEnded(await endOffer(this.db, offer.interactionId, offer.agentId, "withdrawn"), "unavailable");
    }
  }

  /** Ends every pending offer of an agent who can no longer take it (left, paused, changed status). */
  async withdrawOffersOf(agentId: string): Promise<void> {
    const offers = await findStaleOffers(this.db, agentId);
    for (const offer of offers) {
      await this.afterEnded(await endOffer(this.db, offer.interactionId, offer.agentId, "withdrawn"), "unavailable");
    }
  }

  // product.md, Channels and capacity: an auto-answer agent at a limit is not auto-accepted; the slot goes to the
  // oldest waiting interaction once one frees (the router offers it again then).
  private async autoAnswer(interactionId: string, agentId: string): Promise<void> {
    try {
      await this.acceptAs(agentId, interactionId);
    } catch (error) {
      if (!(error instanceof ConflictError)) {
        throw error;
      }
      await this.afterEnded(await endOffer(this.db, interactionId, agentId, "withdrawn"), "unavailable");
    }
  }

  private async afterEnded(ended: Ended, reason: WithdrawReason): Promise<void> {
    this.publisher.offersWithdrawn(ended.interactionId, ended.withdrawn, reason);
    if (reason === "timed_out" && (ended.requeued || ended.ended)) {
      this.queueChanged(ended.interactionId);
    }
    if (ended.requeued) {
      await this.routeNow(ended.interactionId);
    }
    this.afterOffersEnded(ended.withdrawn);
  }

  /** Agents whose alert ended have room again: route their queues. */
  private afterOffersEnded(offers: readonly { agentId: string }[]): void {
    this.routeForAgents([...new Set(offers.map((offer) => offer.agentId))]);
  }

  // --- Routing ---------------------------------------------------------------------------------------------

  // Runs after the change that calls for it has committed: a failure here (a deadlock victim, say) must not turn
  // that request into an error. The interaction's queue is drained again instead, and the worker's sweep remains.
  private async routeNow(interactionId: string): Promise<RouteOutcome | undefined> {
    try {
      const outcome = await routeInteraction(this.db, interactionId, { waitForLock: true });
      this.publisher.routed(outcome);
      return outcome;
    } catch (error) {
      this.logger.warn({ err: error, interactionId }, "routing an interaction failed; its queue is drained again");
      this.routeAll();
      return undefined;
    }
  }

  // The oldest waiting interaction goes first; a queue whose members cannot take more is skipped for the rest.
  private async drain(queueIds: readonly string[] | "all"): Promise<void> {
    const waiting = await findWaiting(this.db, queueIds, DRAIN_BATCH);
    const saturated = new Set<string>();
    for (const interaction of waiting) {
      if (saturated.has(interaction.queueId)) {
        continue;
      }
      try {
        const outcome = await routeInteraction(this.db, interaction.id, { waitForLock: false });
        if (outcome.queueSaturated) {
          saturated.add(interaction.queueId);
        }
        this.publisher.routed(outcome);
      } catch (error) {
        // One interaction's failure (a deadlock victim) leaves the rest of the drain to go on; the sweep retries it.
        this.logger.warn({ err: error, interactionId: interaction.id }, "routing an interaction failed during a drain");
      }
    }
  }

  // --- Reading -----------------------------------------------------------------------------------------------

  private async lockOwned(transaction: Tx, agentId: string, interactionId: string): Promise<InteractionRow> {
    const interaction = await lockWaitingInteraction(transaction, interactionId, true);
    if (!interaction || interaction.ownerId !== agentId) {
      throw new NotFoundError("interaction_not_found", "This interaction is not yours.");
    }
    if (interaction.state !== "active") {
      throw new ConflictError("interaction_closed", "This interaction is closed.");
    }
    return interaction;
  }

  /** Owner, an agent it is offered to, or an admin; a supervisor for interactions of their queues. */
  private async assertReader(actor: Actor, interactionId: string): Promise<void> {
    const user = actor.principal.user;
    const interaction = await this.db.selectFrom("interactions").select(["ownerId", "queueId"]).where("id", "=", interactionId).executeTakeFirst();
    if (!interaction) {
      throw new NotFoundError("interaction_not_found", "This interaction does not exist.");
    }
    if (user.role === "admin" || interaction.ownerId === user.id) {
      return;
    }
    const offered = await this.db.selectFrom("offers").select("id").where("interactionId", "=", interactionId).where("agentId", "=", user.id).where("state", "=", sql.lit("pending")).executeTakeFirst();
    if (offered) {
      return;
    }
    if (user.role === "supervisor" && interaction.queueId) {
      const member = await this.db.selectFrom("queueMembers").select("userId").where("queueId", "=", interaction.queueId).where("userId", "=", user.id).executeTakeFirst();
      if (member) {
        return;
      }
    }
    throw new NotFoundError("interaction_not_found", "This interaction does not exist.");
  }

  private async readFor(readerId: string, interactionId: string): Promise<Interaction> {
    const [views, maskers] = await Promise.all([findInteractionViews(this.db, [interactionId]), this.publisher.maskersFor([readerId])]);
    const view = views.get(interactionId);
    if (!view) {
      throw new NotFoundError("interaction_not_found", "This interaction does not exist.");
    }
    return presentInteraction(view, maskers.get(readerId) ?? unmasked);
  }

  /** Server-side only (no room): what waits in the queues changed without an offer or an owner to tell. */
  private queueChanged(interactionId: string): void {
    this.events.publish("interaction.queue_changed", { interactionId: interactionId as never }, { rooms: [] });
  }

  private publishMessage(message: MessageRow, readers: readonly string[]): void {
    for (const reader of new Set(readers)) {
      this.events.publish("interaction.message_added", { message: presentMessage(message) }, { rooms: [userRoom(reader)] });
    }
  }
}

export interface ReceivedMessage {
  interaction: Interaction;
  message: InteractionMessage;
  created: boolean;
  /** Stored by an earlier delivery of the same provider message: nothing changed now. */
  duplicate: boolean;
}

/** Placeholders of a reply (common/domain/texting.ts), read under the interaction's lock. */
async function placeholderValues(transaction: Tx, interaction: InteractionRow, agentId: string): Promise<Record<TemplatePlaceholder, string>> {
  const agent = await transaction.selectFrom("users").select(["alias", "fullName"]).where("id", "=", agentId).executeTakeFirst();
  return { "contact.name": interaction.customerName ?? "", "agent.alias": agent?.alias || agent?.fullName || "" };
}

const unmasked = { enabled: false, characters: 0, value: <Value>(value: Value) => value, contact: <Record>(record: Record) => record };

/**
 * Pending offers whose agent can no longer take them: disabled, no longer a member of the queue, the desktop's
 * lease lapsed, the status pauses routing or is on a call, or the channel is paused or turned off. Offers stuck on an agent who left end here.
 */
async function findStaleOffers(db: Db, agentId?: string): Promise<{ interactionId: string; agentId: string }[]> {
  const result = await sql<{ interactionId: string; agentId: string }>`
    select o.interaction_id as "interactionId", o.agent_id as "agentId"
      from offers o
      join agent_presence p on p.user_id = o.agent_id
      left join custom_statuses cs on cs.id = p.custom_status_id
      left join agent_channels ac on ac.user_id = o.agent_id and ac.channel = o.channel
      join users u on u.id = o.agent_id
     where o.state = 'pending' and o.channel <> 'voice'
       ${agentId ? sql`and o.agent_id = ${agentId}` : sql``}
       and (u.disabled or u.role <> 'agent'
            or (o.queue_id is not null and not exists (select 1 from queue_members qm where qm.queue_id = o.queue_id and qm.user_id = o.agent_id))
            or p.connected_until is null or p.connected_until <= now()
            or not (p.status = 'ready' or (p.status = 'custom' and cs.pauses_routing = false))
            or coalesce(ac.paused, false) or not coalesce(ac.enabled, true))
     limit 500`.execute(db);
  return result.rows;
}
