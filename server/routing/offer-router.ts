import { sql } from "kysely";
import type { AccountSettings, ChannelSettings } from "../../common/api/channels.ts";
import type { Channel } from "../../common/domain/channels.ts";
import type { Db, Tx } from "../db/database.ts";
import { refusalOf, type AccountLimits } from "./eligibility.ts";
import {
  findCandidates,
  findOfferHistory,
  findOpenAttempt,
  findQueue,
  lockAgents,
  lockWaitingInteraction,
  setInteractionState,
  type CandidateRow,
} from "./routing.repository.ts";
import { strategyFor } from "./strategies/registry.ts";
import type { RankedCandidate } from "./strategies/strategy.ts";

export interface CreatedOffer {
  offerId: string;
  agentId: string;
  interactionId: string;
}

export interface RouteOutcome {
  offers: CreatedOffer[];
  /** Nobody in the queue could take more work: younger interactions of the queue need not be tried now. */
  queueSaturated: boolean;
}

const NOTHING: RouteOutcome = { offers: [], queueSaturated: false };

/** The account's settings, read before a transaction opens (on PGlite a read outside it would wait on it). */
export interface AccountLimitsSource {
  channels: ChannelSettings;
  account: AccountSettings;
}

export function limitsFor({ channels, account }: AccountLimitsSource, channel: Channel): AccountLimits {
  return {
    channel,
    accountChannelEnabled: account.enabledChannels.includes(channel),
    globalDefaultCapacity: channels.defaultCapacity[channel] ?? 0,
    maxOpenTabs: channels.maxOpenTabs,
  };
}

function holdings(row: CandidateRow): { held: number; heldOnChannel: number } {
  return { held: row.activeTotal + row.pendingTotal, heldOnChannel: row.activeOnChannel + row.pendingOnChannel };
}

function fits(row: CandidateRow, limits: AccountLimits): boolean {
  return refusalOf({ ...row, ...holdings(row) }, limits) === null;
}

/**
 * Offers one waiting interaction to the agents its queue's strategy picks, in one short transaction: the
 * interaction is locked (SKIP LOCKED: another router has it), candidates are read, the picked agents are locked
 * and re-read, and only those who still fit get an offer. Pending offers count as held, so an agent is never
 * alerted beyond their capacity or tab limit.
 */
export async function routeInteraction(db: Db, interactionId: string, limitsSource: AccountLimitsSource, options: { waitForLock: boolean }): Promise<RouteOutcome> {
  return db.transaction().execute(async (transaction) => {
    // Routing one interaction right after a change waits for the row (a short transaction may hold it and change
    // nothing: skipping would lose this request); a drain skips rows another router holds.
    const interaction = await lockWaitingInteraction(transaction, interactionId, options.waitForLock);
    if (!interaction || (interaction.state !== "queued" && interaction.state !== "offered") || !interaction.queueId) {
      return NOTHING;
    }
    const [queue, attempt] = await Promise.all([findQueue(transaction, interaction.queueId), findOpenAttempt(transaction, interaction.id)]);
    if (!queue || !attempt) {
      return NOTHING;
    }
    const strategy = strategyFor(queue.strategy);
    const history = await findOfferHistory(transaction, interaction.id, attempt.id);
    if (!strategy.ringsAll && history.pendingAgentIds.size > 0) {
      return NOTHING;
    }
    const limits = limitsFor(limitsSource, interaction.channel);
    const members = await findCandidates(transaction, { queueId: queue.id, channel: interaction.channel });
    const fitting = members.filter((member) => fits(member, limits));
    const open = fitting.filter((member) => !history.pendingAgentIds.has(member.agentId) && !history.rejectedAgentIds.has(member.agentId));
    if (open.length === 0) {
      return { offers: [], queueSaturated: fitting.length === 0 };
    }
    const ranked = strategy.rank(open.map((member) => toRanked(member, history.triedAgentIds)), { now: new Date() });
    const offers = await offerToFitting(transaction, {
      interaction: { id: interaction.id, channel: interaction.channel },
      queue,
      attemptId: attempt.id,
      limits,
      agentIds: ranked.map((candidate) => candidate.agentId),
      ringsAll: strategy.ringsAll,
    });
    if (offers.length > 0 && interaction.state === "queued") {
      await setInteractionState(transaction, interaction.id, "offered");
    }
    return { offers, queueSaturated: false };
  });
}

function toRanked(member: CandidateRow, tried: Set<string>): RankedCandidate {
  const held = holdings(member);
  return {
    agentId: member.agentId,
    idleSince: new Date(member.idleSince),
    lastOfferedAt: member.lastOfferedAt ? new Date(member.lastOfferedAt) : null,
    occupied: held.held,
    occupiedOnChannel: held.heldOnChannel,
    triedInAttempt: tried.has(member.agentId),
  };
}

interface OfferPlan {
  interaction: { id: string; channel: Channel };
  queue: { id: string; offerTimeoutSeconds: number; strategy: string };
  attemptId: string;
  limits: AccountLimits;
  /** Best first. Ring-all offers to every one that still fits; one-at-a-time to the first that does. */
  agentIds: string[];
  ringsAll: boolean;
}

// One-at-a-time: lock a few of the best so the next can take the offer when the first no longer fits.
const ONE_AT_A_TIME_LOCKS = 5;

async function offerToFitting(transaction: Tx, plan: OfferPlan): Promise<CreatedOffer[]> {
  const batch = plan.ringsAll ? plan.agentIds : plan.agentIds.slice(0, ONE_AT_A_TIME_LOCKS);
  // One sorted lock statement per transaction: routers never wait on each other in a cycle.
  await lockAgents(transaction, batch);
  // Re-read under the locks: what the agents hold now is what counts.
  const fresh = await findCandidates(transaction, { agentIds: batch, channel: plan.interaction.channel });
  const fittingNow = fresh.filter((row) => fits(row, plan.limits)).sort((left, right) => batch.indexOf(left.agentId) - batch.indexOf(right.agentId));
  const chosen = plan.ringsAll ? fittingNow : fittingNow.slice(0, 1);
  return insertOffers(transaction, plan, chosen);
}

// One statement for all the offers and one for the agents' last offer time, whatever the number of agents
// alerted (ring-all): the agents' rows are locked already (lockAgents).
async function insertOffers(transaction: Tx, plan: OfferPlan, rows: readonly CandidateRow[]): Promise<CreatedOffer[]> {
  if (rows.length === 0) {
    return [];
  }
  const oneAtATime = plan.queue.strategy !== "ring-all";
  const offers = await transaction
    .insertInto("offers")
    .values(
      rows.map((row) => ({
        interactionId: plan.interaction.id,
        agentId: row.agentId,
        queueId: plan.queue.id,
        channel: plan.interaction.channel,
        attemptId: plan.attemptId,
        expiresAt: oneAtATime ? sql<Date>`now() + make_interval(secs => ${plan.queue.offerTimeoutSeconds})` : null,
        autoAnswerAt: row.autoAnswerDelaySeconds === null ? null : sql<Date>`now() + make_interval(secs => ${row.autoAnswerDelaySeconds})`,
      })),
    )
    .returning(["id", "agentId"])
    .execute();
  await transaction
    .updateTable("agentPresence")
    .set({ lastOfferedAt: sql<Date>`now()` })
    .where("userId", "in", rows.map((row) => row.agentId))
    .execute();
  return offers.map((offer) => ({ offerId: offer.id, agentId: offer.agentId, interactionId: plan.interaction.id }));
}
