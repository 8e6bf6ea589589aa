import { sql } from "kysely";
import type { Db, Tx } from "../db/database.ts";
import { closeAttempt, countPendingOffers, endPendingOffers, findQueueChain, lockWaitingInteraction, openAttempt, setInteractionState, type InteractionRow } from "./routing.repository.ts";

// Timers and endings: each runs in one short transaction that locks the interaction first, re-checks that the
// timer is still due, and changes it once, whatever the number of processes (the row lock decides).

export interface Ended {
  interactionId: string;
  withdrawn: { id: string; agentId: string }[];
  /** The interaction moved to the next queue of its chain and waits again. */
  requeued: boolean;
  ended: boolean;
}

const NONE = (interactionId: string): Ended => ({ interactionId, withdrawn: [], requeued: false, ended: false });

/** Queue timeout: leave the queue (report row `timeout`), then the next queue of the chain, or end `timed_out`. */
export async function timeOutQueue(db: Db, interactionId: string): Promise<Ended> {
  return db.transaction().execute(async (transaction) => {
    const interaction = await lockWaitingInteraction(transaction, interactionId, false);
    if (!interaction || !isWaiting(interaction) || !interaction.queueDeadlineAt || new Date(interaction.queueDeadlineAt).getTime() > (await databaseNow(transaction))) {
      return NONE(interactionId);
    }
    const withdrawn = await endPendingOffers(transaction, interactionId, "withdrawn");
    await closeAttempt(transaction, interactionId, "timeout", null);
    const chain = interaction.entryPointId ? await findQueueChain(transaction, interaction.entryPointId) : [];
    const next = chain[interaction.chainPosition + 1];
    if (!next) {
      await transaction
        .updateTable("interactions")
        .set({ state: "timed_out", closedAt: sql<Date>`now()`, queueDeadlineAt: null, updatedAt: sql<Date>`now()` })
        .where("id", "=", interactionId)
        .execute();
      return { interactionId, withdrawn, requeued: false, ended: true };
    }
    await enterQueue(transaction, interaction, next, interaction.chainPosition + 1);
    return { interactionId, withdrawn, requeued: true, ended: false };
  });
}

/** Puts an interaction in a queue of its chain: a new queue attempt (report row) and a new deadline. */
export async function enterQueue(transaction: Tx, interaction: Pick<InteractionRow, "id" | "channel">, queue: { id: string; timeoutSeconds: number }, chainPosition: number): Promise<void> {
  await transaction
    .updateTable("interactions")
    .set({
      state: "queued",
      queueId: queue.id,
      chainPosition,
      ownerId: null,
      queuedAt: sql<Date>`now()`,
      queueDeadlineAt: sql<Date>`now() + make_interval(secs => ${queue.timeoutSeconds})`,
      updatedAt: sql<Date>`now()`,
    })
    .where("id", "=", interaction.id)
    .execute();
  await openAttempt(transaction, interaction, queue.id);
}

/** An offer's own timeout (one-at-a-time strategies): the next agent gets a turn. */
export async function expireOffer(db: Db, offerId: string, interactionId: string): Promise<Ended> {
  return db.transaction().execute(async (transaction) => {
    const interaction = await lockWaitingInteraction(transaction, interactionId, false);
    if (!interaction) {
      return NONE(interactionId);
    }
    const expired = await transaction
      .updateTable("offers")
      .set({ state: "expired", decidedAt: sql<Date>`now()` })
      .where("id", "=", offerId)
      .where("state", "=", sql.lit("pending"))
      .where("expiresAt", "<=", sql<Date>`now()`)
      .returning(["id", "agentId"])
      .executeTakeFirst();
    if (!expired) {
      return NONE(interactionId);
    }
    await backToQueuedWhenUnoffered(transaction, interaction);
    return { interactionId, withdrawn: [expired], requeued: true, ended: false };
  });
}

/** Ends one agent's pending offer (rejected, or the agent became unavailable). */
export async function endOffer(db: Db, interactionId: string, agentId: string, state: "rejected" | "withdrawn"): Promise<Ended> {
  return db.transaction().execute(async (transaction) => {
    const interaction = await lockWaitingInteraction(transaction, interactionId, true);
    if (!interaction) {
      return NONE(interactionId);
    }
    const withdrawn = await endPendingOffers(transaction, interactionId, state, agentId);
    if (withdrawn.length === 0) {
      return NONE(interactionId);
    }
    await backToQueuedWhenUnoffered(transaction, interaction);
    return { interactionId, withdrawn, requeued: true, ended: false };
  });
}

async function backToQueuedWhenUnoffered(transaction: Tx, interaction: InteractionRow): Promise<void> {
  if (interaction.state === "offered" && (await countPendingOffers(transaction, interaction.id)) === 0) {
    await setInteractionState(transaction, interaction.id, "queued");
  }
}

/** The customer left: waiting, it ends `abandoned` (report row `abandoned`); being worked, it closes. */
export async function abandonInteraction(db: Db, interactionId: string): Promise<Ended & { state: InteractionRow["state"] | null; ownerId: string | null }> {
  return db.transaction().execute(async (transaction) => {
    const interaction = await lockWaitingInteraction(transaction, interactionId, true);
    if (!interaction) {
      return { ...NONE(interactionId), state: null, ownerId: null };
    }
    if (isWaiting(interaction)) {
      const withdrawn = await endPendingOffers(transaction, interactionId, "withdrawn");
      await closeAttempt(transaction, interactionId, "abandoned", null);
      await transaction
        .updateTable("interactions")
        .set({ state: "abandoned", closedAt: sql<Date>`now()`, queueDeadlineAt: null, updatedAt: sql<Date>`now()` })
        .where("id", "=", interactionId)
        .execute();
      return { interactionId, withdrawn, requeued: false, ended: true, state: "abandoned", ownerId: null };
    }
    if (interaction.state === "active") {
      await closeOwned(transaction, interaction, null);
      return { interactionId, withdrawn: [], requeued: false, ended: true, state: "closed", ownerId: interaction.ownerId };
    }
    return { ...NONE(interactionId), state: interaction.state, ownerId: interaction.ownerId };
  });
}

/** Closes an active interaction (one statement); its owner is idle again from now (longest-idle). */
export async function closeOwned(transaction: Tx, interaction: Pick<InteractionRow, "id" | "ownerId">, closedBy: string | null): Promise<{ state: "closed"; closedAt: Date }> {
  const result = await sql<{ state: "closed"; closedAt: Date }>`
    with closed as (
      update interactions set state = 'closed', closed_at = now(), closed_by = ${closedBy}, updated_at = now() where id = ${interaction.id}
      returning state, closed_at
    ), idle as (
      update agent_presence set idle_since = now() where user_id = ${interaction.ownerId}
    )
    select state, closed_at as "closedAt" from closed`.execute(transaction);
  return result.rows[0] ?? { state: "closed", closedAt: new Date() };
}

function isWaiting(interaction: InteractionRow): boolean {
  return interaction.state === "queued" || interaction.state === "offered";
}

async function databaseNow(transaction: Tx): Promise<number> {
  const result = await sql<{ now: Date }>`select now() as now`.execute(transaction);
  return new Date(result.rows[0]?.now ?? Date.now()).getTime();
}
