import { ALWAYS_ENABLED_CHANNELS, CHANNELS, type Channel } from "./channels.ts";

// product.md, Channels and capacity: per agent and channel a capacity of 1..50 (empty: the global default),
// a global default per channel and a max open tab limit across channels, where 0 is unlimited.
export const AGENT_CAPACITY_MIN = 1;
export const AGENT_CAPACITY_MAX = 50;
export const DEFAULT_CAPACITY_MAX = 50;
export const MAX_OPEN_TABS_MAX = 1000;
export const AUTO_ANSWER_DELAY_MAX = 600;
/** 0 as a capacity or a tab limit means no limit. */
export const UNLIMITED = 0;

/** One agent's settings on one channel; an agent with no stored row has these defaults. */
export interface AgentChannelSetting {
  enabled: boolean;
  /** null: the global default of the channel. */
  capacity: number | null;
  /** null: no auto-answer; otherwise the delay in seconds before the interaction is accepted. */
  autoAnswerDelaySeconds: number | null;
  paused: boolean;
}

export const DEFAULT_AGENT_CHANNEL: AgentChannelSetting = { enabled: true, capacity: null, autoAnswerDelaySeconds: null, paused: false };

// Voice is one call at a time; the seed's other channels default to 0 = unlimited (seed 002, Other Channels).
export const DEFAULT_CHANNEL_CAPACITY: Readonly<Record<Channel, number>> = {
  voice: 1,
  chat: 0,
  sms: 0,
  email: 0,
  whatsapp: 0,
  messenger: 0,
  instagram: 0,
  fax: 0,
  openchannel: 0,
};

export type CapacitySource = "agent" | "global";

/** The capacity that applies: the agent's own when set, else the channel's global default (0 = unlimited). */
export function effectiveCapacity(agentCapacity: number | null, globalDefault: number): { value: number; source: CapacitySource } {
  if (agentCapacity !== null) {
    return { value: agentCapacity, source: "agent" };
  }
  return { value: globalDefault, source: "global" };
}

/** Whether `open` interactions already fill a limit (0 = unlimited). */
export function isLimitReached(open: number, limit: number): boolean {
  return limit !== UNLIMITED && open >= limit;
}

/** The account's channels: voice, SMS and chat always, plus the ones turned on, in the catalogue's order. */
export function normalizeAccountChannels(channels: readonly Channel[]): Channel[] {
  const enabled = new Set<Channel>([...ALWAYS_ENABLED_CHANNELS, ...channels]);
  return CHANNELS.filter((channel) => enabled.has(channel));
}

export const INELIGIBILITY_REASONS = ["paused", "channel_disabled", "tab_limit_reached", "capacity_reached"] as const;
export type IneligibilityReason = (typeof INELIGIBILITY_REASONS)[number];

export interface EligibilityInput {
  /** The agent's settings on the interaction's channel (DEFAULT_AGENT_CHANNEL when none stored). */
  setting: AgentChannelSetting;
  /** Whether the account has the channel on at all. */
  accountChannelEnabled: boolean;
  /** The channel's global default capacity (0 = unlimited). */
  globalDefaultCapacity: number;
  /** The global max open tab limit across channels (0 = unlimited). */
  maxOpenTabs: number;
  /** The agent's open interactions on every channel. */
  openInteractions: number;
  /** The agent's open interactions on this channel. */
  openOnChannel: number;
}

/**
 * Why the agent may not be offered (or auto-accept) an interaction on this channel, or null when they may.
 * product.md, Channels and capacity: the checks run in this order: not paused on the channel, channel
 * enabled, open interactions < max open tab limit, open interactions on the channel < capacity.
 */
export function firstIneligibility(input: EligibilityInput): IneligibilityReason | null {
  if (input.setting.paused) {
    return "paused";
  }
  if (!input.accountChannelEnabled || !input.setting.enabled) {
    return "channel_disabled";
  }
  if (isLimitReached(input.openInteractions, input.maxOpenTabs)) {
    return "tab_limit_reached";
  }
  const capacity = effectiveCapacity(input.setting.capacity, input.globalDefaultCapacity).value;
  if (isLimitReached(input.openOnChannel, capacity)) {
    return "capacity_reached";
  }
  return null;
}
