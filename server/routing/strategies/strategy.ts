import type { QueueStrategy } from "../../../common/api/queues.ts";

/** An eligible agent as a strategy sees it: no database, no clock but the one passed in. */
export interface RankedCandidate {
  agentId: string;
  /** Since the agent last finished work (or signed in): longest idle first. */
  idleSince: Date;
  /** The agent's last offer on any queue: round robin goes to the one waiting longest for a turn. */
  lastOfferedAt: Date | null;
  /** Interactions the agent holds on every channel, open and offered: least occupied first. */
  occupied: number;
  /** The same on this queue's channel. */
  occupiedOnChannel: number;
  /** Whether the agent was already offered this interaction during this queue attempt (one-at-a-time cycles on). */
  triedInAttempt: boolean;
}

export interface StrategyContext {
  now: Date;
}

/**
 * A routing strategy (CONVENTIONS.md rule 7): pure, registered by name. `pick` answers the agents to offer to
 * now, best first; ring-all answers every candidate, one-at-a-time strategies answer them in preference order and
 * the router offers to the first that still fits once locked.
 */
export interface RoutingStrategy {
  name: QueueStrategy;
  /** Whether the strategy offers to every eligible member at once. */
  ringsAll: boolean;
  rank(candidates: readonly RankedCandidate[], context: StrategyContext): RankedCandidate[];
}

/** Ties break by agent id so that ranking is deterministic. */
export function byAgentId(left: RankedCandidate, right: RankedCandidate): number {
  return left.agentId < right.agentId ? -1 : left.agentId > right.agentId ? 1 : 0;
}

/** One-at-a-time strategies offer to agents not yet tried in this attempt first, then cycle again. */
export function untriedFirst(left: RankedCandidate, right: RankedCandidate): number {
  return Number(left.triedInAttempt) - Number(right.triedInAttempt);
}
