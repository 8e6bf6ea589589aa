import type { AccountSettings, ChannelSettings } from "../../common/api/channels.ts";
import type { Channel } from "../../common/domain/channels.ts";
import type { Db, Tx } from "../db/database.ts";
import { refusalOf, type AccountLimits } from "./eligibility.ts";
import {
  findCandidates,
  lockRoutingContext,
  lockAgents,
  writeOffers,
  type CandidateRow,
  type InsertedOffer,
  type InteractionViewRow,
  type RoutingContext,
} from "./routing.repository.ts";
import { strategyFor } from "./strategies/registry.ts";
import type { RankedCandidate } from "./strategies/strategy.ts";

export interface CreatedOffer {
  offerId: string;
  agentId: string;
  interactionId: string;
  row: InsertedOffer;
  /** The alerted agent's "mask sensitive data", read with their candidate row. */
  maskSensitiveData: boolean;
}

export interface RouteOutcome {
  offers: CreatedOffer[];
  /** Nobody in the queue could take more work: younger interactions of the queue need not be tried now. */
  queueSaturated: boolean;
  /** The interaction as its readers see it after this step (when offers were made). */
  view?: InteractionViewRow;
  maskCharacters?: number;
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

/** No capacity on the channel (0: unlimited, the agent's own or the channel's default) and no tab limit. */
function unlimited(row: CandidateRow, limits: AccountLimits): boolean {
  return limits.maxOpenTabs === 0 && (row.channelCapacity ?? limits.globalDefaultCapacity) === 0;
}

function fits(row: CandidateRow, limits: AccountLimits): boolean {
  return refusalOf({ ...row, ...holdings(row) }, limits) === null;
}

/**
 * Offers one waiting interaction to the agents its queue's strategy picks, in one short transaction: the
 * interaction is locked in the statement that reads its context (SKIP LOCKED in a drain: another router has it),
 * candidates are read, the picked agents are locked and re-read, and only those who still fit get an offer,
 * written in one statement that checks again what a wait for the lock may have changed. Pending offers count as held, so an agent is never alerted beyond their capacity or
 * tab limit. The outcome carries what the publisher needs, so nothing is read again after the commit.
 */
export async function routeInteraction(db: Db, interactionId: string, options: { waitForLock: boolean }): Promise<RouteOutcome> {
  return db.transaction().execute(async (transaction) => {
    // Routing one interaction right after a change waits for the row (a short transaction may hold it and change
    // nothing: skipping would lose this request); a drain skips rows another router holds.
    const context = await lockRoutingContext(transaction, interactionId, options.waitForLock);
    return context ? routeLocked(transaction, context) : NOTHING;
  });
}

/**
 * Routes an interaction whose row this transaction holds (locked, or just inserted), from its context: candidates
 * are read, the picked agents locked and re-read, the offers written.
 */
export async function routeLocked(transaction: Tx, context: RoutingContext): Promise<RouteOutcome> {
  if ((context.view.state !== "queued" && context.view.state !== "offered") || !context.queue || !context.attemptId) {
    return NOTHING;
  }
  const { view, queue, history } = context;
  const strategy = strategyFor(queue.strategy);
  if (!strategy.ringsAll && history.pendingAgentIds.size > 0) {
    return NOTHING;
  }
  const limits = limitsFor(context.settings, view.channel);
  const members = await findCandidates(transaction, { queueId: queue.id, channel: view.channel });
  const fitting = members.filter((member) => fits(member, limits));
  const open = fitting.filter((member) => !history.pendingAgentIds.has(member.agentId) && !history.rejectedAgentIds.has(member.agentId));
  if (open.length === 0) {
    return { offers: [], queueSaturated: fitting.length === 0 };
  }
  const ranked = strategy.rank(open.map((member) => toRanked(member, history.triedAgentIds)), { now: new Date() });
  // A ring-all whose alerted agents have no limit on the channel and no tab limit has nothing to count: its routers
  // share the agents' locks, so a queue's new conversations are not alerted one at a time. Ring-all alerts are not
  // turns: they leave the agents' last-offered time (round-robin's order) alone, so no ring-all writes those rows.
  const shared = strategy.ringsAll && limits.maxOpenTabs === 0 && open.every((member) => unlimited(member, limits));
  const chosen = await lockFitting(transaction, {
    channel: view.channel,
    limits,
    agentIds: ranked.map((candidate) => candidate.agentId),
    ringsAll: strategy.ringsAll,
    shared,
  });
  if (chosen.length === 0) {
    return NOTHING;
  }
  const inserted = await writeOffers(
    transaction,
    {
      interactionId: view.id,
      queueId: queue.id,
      channel: view.channel,
      attemptId: context.attemptId,
      offerTimeoutSeconds: strategy.ringsAll ? null : queue.offerTimeoutSeconds,
      recordOfferedAt: !strategy.ringsAll,
      ringsAll: strategy.ringsAll,
    },
    chosen,
  );
  if (inserted.length === 0) {
    // What the context said of the offers predated a wait for the lock: another step changed them meanwhile.
    return NOTHING;
  }
  const masks = new Map(chosen.map((row) => [row.agentId, row.maskSensitiveData]));
  return {
    offers: inserted.map((offer) => ({ offerId: offer.id, agentId: offer.agentId, interactionId: view.id, row: offer, maskSensitiveData: masks.get(offer.agentId) ?? true })),
    queueSaturated: false,
    view: { ...view, state: "offered" },
    maskCharacters: context.settings.maskCharacters,
  };
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

interface LockPlan {
  channel: Channel;
  limits: AccountLimits;
  /** Best first. Ring-all offers to every one that still fits; one-at-a-time to the first that does. */
  agentIds: string[];
  ringsAll: boolean;
  /** Share the agents' locks: every one of them had no limit to protect when read. */
  shared: boolean;
}

// One-at-a-time: lock a few of the best so the next can take the offer when the first no longer fits.
const ONE_AT_A_TIME_LOCKS = 5;

async function lockFitting(transaction: Tx, plan: LockPlan): Promise<CandidateRow[]> {
  const batch = plan.ringsAll ? plan.agentIds : plan.agentIds.slice(0, ONE_AT_A_TIME_LOCKS);
  // One sorted lock statement per transaction: routers never wait on each other in a cycle.
  await lockAgents(transaction, batch, plan.shared ? "share" : "update");
  // Re-read under the locks: what the agents hold now is what counts. Under shared locks, only agents who still have
  // no limit (a capacity set a moment ago waits for a router that locks for update).
  const fresh = await findCandidates(transaction, { agentIds: batch, channel: plan.channel });
  const fittingNow = fresh
    .filter((row) => fits(row, plan.limits) && (!plan.shared || unlimited(row, plan.limits)))
    .sort((left, right) => batch.indexOf(left.agentId) - batch.indexOf(right.agentId));
  return plan.ringsAll ? fittingNow : fittingNow.slice(0, 1);
}
