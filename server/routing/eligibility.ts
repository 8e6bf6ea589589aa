import { firstIneligibility, type IneligibilityReason } from "../../common/domain/capacity.ts";
import type { Channel } from "../../common/domain/channels.ts";
import { statusAllowsNewWork, type PresenceStatus } from "../../common/domain/presence.ts";

/** What the router knows about one queue member when it decides whether to alert them. */
export interface CandidateState {
  status: PresenceStatus;
  customStatusPausesRouting: boolean | null;
  connected: boolean;
  channelEnabled: boolean;
  channelPaused: boolean;
  /** null: the channel's global default. */
  channelCapacity: number | null;
  /** Interactions held on every channel; for an offer, pending offers count as held (a reservation). */
  held: number;
  heldOnChannel: number;
}

export interface AccountLimits {
  channel: Channel;
  accountChannelEnabled: boolean;
  globalDefaultCapacity: number;
  maxOpenTabs: number;
}

export type CandidateRefusal = "offline" | "status" | IneligibilityReason;

/**
 * Why this agent may not be alerted now, or null. First presence (a live desktop, a status that takes new work:
 * product.md, Presence), then product.md's Channels and capacity checks in their order: not paused on the
 * channel, channel enabled, held < max open tabs, held on the channel < capacity.
 */
export function refusalOf(candidate: CandidateState, limits: AccountLimits): CandidateRefusal | null {
  if (!candidate.connected) {
    return "offline";
  }
  if (!statusAllowsNewWork(candidate.status, candidate.customStatusPausesRouting)) {
    return "status";
  }
  return firstIneligibility({
    setting: { enabled: candidate.channelEnabled, paused: candidate.channelPaused, capacity: candidate.channelCapacity, autoAnswerDelaySeconds: null },
    accountChannelEnabled: limits.accountChannelEnabled,
    globalDefaultCapacity: limits.globalDefaultCapacity,
    maxOpenTabs: limits.maxOpenTabs,
    openInteractions: candidate.held,
    openOnChannel: candidate.heldOnChannel,
  });
}
