import { sql } from "kysely";
import { firstIneligibility } from "../../common/domain/capacity.ts";
import { statusAllowsNewWork, type PresenceStatus } from "../../common/domain/presence.ts";
import type { Db, Executor } from "../db/database.ts";
import { ConflictError, NotFoundError } from "../lib/errors.ts";
import { limitsFor } from "./offer-router.ts";
import { lockAcceptContext, readAgentHoldings, writeAccept, type InteractionViewRow } from "./routing.repository.ts";

export interface AcceptOptions {
  /** The PBX answered a call: presence does not gate it (the agent picked up), capacity still does. */
  ignoreStatus?: boolean;
  /** Auto-answer and telephony accept without a pending offer check on behalf of the agent's own offer. */
  requireOffer?: boolean;
}

export interface Accepted {
  /** The interaction as its new owner sees it (read under the lock, then written). */
  view: InteractionViewRow;
  maskSensitiveData: boolean;
  maskCharacters: number;
  /** Other agents whose alert for it ended. */
  withdrawn: { id: string; agentId: string }[];
  alreadyOwned: boolean;
}

/**
 * product.md, Routing: an accept is atomic: one owner, and no agent ever over capacity or the tab limit. One
 * transaction locks the interaction, then the agent's presence row (every change to what the agent holds locks
 * it), counts what the agent holds with the locks held, and only then takes ownership. The settings are read in
 * the same transaction: a capacity lowered a moment ago already counts.
 */
export async function acceptInteraction(db: Db, agentId: string, interactionId: string, options: AcceptOptions = {}): Promise<Accepted> {
  return db.transaction().execute(async (transaction) => {
    const context = await lockAcceptContext(transaction, interactionId, agentId);
    if (!context) {
      throw new NotFoundError("interaction_not_found", "This interaction does not exist.");
    }
    const { view } = context;
    const accepted = { maskSensitiveData: context.maskSensitiveData, maskCharacters: context.settings.maskCharacters };
    if (view.state === "active" && view.ownerId === agentId) {
      return { view, ...accepted, withdrawn: [], alreadyOwned: true };
    }
    if (view.state !== "queued" && view.state !== "offered") {
      throw new ConflictError("interaction_taken", view.state === "active" ? "Another agent took this interaction." : "This interaction has ended.");
    }
    if (!context.offerId && options.requireOffer !== false) {
      throw new ConflictError("offer_not_found", "This interaction is not offered to you.");
    }
    const presence = await transaction
      .selectFrom("agentPresence")
      .leftJoin("customStatuses", "customStatuses.id", "agentPresence.customStatusId")
      .select(["agentPresence.status", "customStatuses.pausesRouting"])
      .where("agentPresence.userId", "=", agentId)
      .forUpdate("agentPresence")
      .executeTakeFirst();
    if (!options.ignoreStatus) {
      assertStatusTakesWork(presence?.status ?? "offline", presence?.pausesRouting ?? null);
    }
    const limits = limitsFor(context.settings, view.channel);
    const held = await readAgentHoldings(transaction, agentId, view.channel);
    const refusal = firstIneligibility({
      setting: { enabled: held.enabled ?? true, paused: held.paused ?? false, capacity: held.capacity, autoAnswerDelaySeconds: null },
      accountChannelEnabled: limits.accountChannelEnabled,
      globalDefaultCapacity: limits.globalDefaultCapacity,
      maxOpenTabs: limits.maxOpenTabs,
      openInteractions: held.activeTotal,
      openOnChannel: held.activeOnChannel,
    });
    if (refusal) {
      throw refusalError(refusal);
    }
    const taken = await writeAccept(transaction, interactionId, agentId, context.offerId);
    if (!taken) {
      // Taken by another, or the agent's offer ended while this accept waited for the lock: say which.
      throw (await refusalBeforeLocking(transaction, agentId, interactionId)) ?? new ConflictError("interaction_taken", "Another agent took this interaction.");
    }
    return { view: { ...view, ...taken.row }, ...accepted, withdrawn: taken.withdrawn, alreadyOwned: false };
  });
}

/**
 * The answer to an accept that lost already, read without a lock: the interaction is taken or ended, or the
 * agent's alert for it ended. These refusals are the locked path's own, in its order, read from committed rows:
 * the request is answered as of that read. Only a possible yes goes on to wait for the interaction's lock, so the
 * losers of a ring-all (every alerted agent may click) neither queue behind the winner nor hold connections.
 */
export async function refusalBeforeLocking(db: Executor, agentId: string, interactionId: string): Promise<ConflictError | NotFoundError | undefined> {
  const row = await db
    .selectFrom("interactions")
    .select((eb) => [
      "state",
      "ownerId",
      eb.exists(eb.selectFrom("offers").select("id").whereRef("offers.interactionId", "=", "interactions.id").where("agentId", "=", agentId).where("state", "=", sql.lit("pending"))).as("offered"),
    ])
    .where("id", "=", interactionId)
    .executeTakeFirst();
  if (!row) {
    return new NotFoundError("interaction_not_found", "This interaction does not exist.");
  }
  if (row.state === "active" && row.ownerId === agentId) {
    return undefined;
  }
  if (row.state !== "queued" && row.state !== "offered") {
    return new ConflictError("interaction_taken", row.state === "active" ? "Another agent took this interaction." : "This interaction has ended.");
  }
  return row.offered ? undefined : new ConflictError("offer_not_found", "This interaction is not offered to you.");
}

function assertStatusTakesWork(status: PresenceStatus, pausesRouting: boolean | null): void {
  if (status === "on-call") {
    throw new ConflictError("on_call", "You are on a call: new conversations wait until it ends.");
  }
  if (!statusAllowsNewWork(status, pausesRouting)) {
    throw new ConflictError("agent_unavailable", "Your status does not take new interactions.");
  }
}

function refusalError(refusal: NonNullable<ReturnType<typeof firstIneligibility>>): ConflictError {
  switch (refusal) {
    case "paused":
      return new ConflictError("agent_paused", "You are paused on this channel.");
    case "channel_disabled":
      return new ConflictError("channel_disabled", "This channel is turned off for you.");
    case "tab_limit_reached":
      return new ConflictError("agent_over_tab_limit", "You have reached the open tab limit: close an interaction first.");
    case "capacity_reached":
      return new ConflictError("agent_over_capacity", "You have reached your capacity on this channel: close an interaction first.");
  }
}
