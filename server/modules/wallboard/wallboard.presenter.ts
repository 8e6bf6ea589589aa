import type { AccountSettings, ChannelSettings } from "../../../common/api/channels.ts";
import type { QueueId } from "../../../common/api/groups.ts";
import type { WallboardAgent, WallboardChannelLoad, WallboardQueue } from "../../../common/api/wallboard.ts";
import { DEFAULT_AGENT_CHANNEL, effectiveCapacity } from "../../../common/domain/capacity.ts";
import { CHANNELS, type Channel } from "../../../common/domain/channels.ts";
import type { UserId } from "../../../common/domain/ids.ts";
import { toIso } from "../memberships/query-helpers.ts";
import type { AgentChannelLoadRow, AgentChannelSettingRow, AgentOfferCountRow, WallboardAgentRow, WallboardQueueRow } from "./wallboard.repository.ts";

/** The grouped rows of the agents' reads, indexed by agent once, so presenting 2,000 agents is linear. */
export interface AgentFigures {
  loads: readonly AgentChannelLoadRow[];
  offers: readonly AgentOfferCountRow[];
  settings: readonly AgentChannelSettingRow[];
  account: AccountSettings;
  channels: ChannelSettings;
}

function groupByAgent<Row extends { agentId: string }>(rows: readonly Row[]): Map<string, Row[]> {
  const grouped = new Map<string, Row[]>();
  for (const row of rows) {
    const list = grouped.get(row.agentId);
    if (list) {
      list.push(row);
    } else {
      grouped.set(row.agentId, [row]);
    }
  }
  return grouped;
}

export function presentWallboardAgents(rows: readonly WallboardAgentRow[], figures: AgentFigures): WallboardAgent[] {
  const loads = groupByAgent(figures.loads);
  const settings = groupByAgent(figures.settings);
  const offers = new Map(figures.offers.map((row) => [row.agentId, row.pendingOffers]));
  return rows.map((row) => {
    const load = channelLoads(loads.get(row.id) ?? [], settings.get(row.id) ?? [], figures);
    return {
      id: row.id as UserId,
      fullName: row.fullName,
      username: row.username,
      status: row.status ?? "offline",
      customStatusName: row.status === "custom" ? row.customStatusName : null,
      statusSince: row.statusSince === null ? null : toIso(row.statusSince),
      connected: row.connected,
      pausedChannels: (settings.get(row.id) ?? []).filter((setting) => setting.paused).map((setting) => setting.channel).sort(byCatalogue),
      load,
      openTabs: load.reduce((total, channel) => total + channel.active, 0),
      maxOpenTabs: figures.channels.maxOpenTabs,
      pendingOffers: offers.get(row.id) ?? 0,
    };
  });
}

/**
 * One agent's load on each channel they may work on (the account's channels the agent has not turned off)
 * and on any channel they still hold work on. Capacity: the agent's own, else the channel's global default
 * (product.md, Channels and capacity; 0 = unlimited).
 */
function channelLoads(loads: readonly AgentChannelLoadRow[], settings: readonly AgentChannelSettingRow[], figures: AgentFigures): WallboardChannelLoad[] {
  const active = new Map(loads.map((row) => [row.channel, row.active]));
  const stored = new Map(settings.map((row) => [row.channel, row]));
  const shown = CHANNELS.filter((channel) => (active.get(channel) ?? 0) > 0 || (figures.account.enabledChannels.includes(channel) && (stored.get(channel)?.enabled ?? DEFAULT_AGENT_CHANNEL.enabled)));
  return shown.map((channel) => ({
    channel,
    active: active.get(channel) ?? 0,
    capacity: effectiveCapacity(stored.get(channel)?.capacity ?? null, figures.channels.defaultCapacity[channel] ?? 0).value,
  }));
}

function byCatalogue(left: Channel, right: Channel): number {
  return CHANNELS.indexOf(left) - CHANNELS.indexOf(right);
}

export function presentWallboardQueue(row: WallboardQueueRow): WallboardQueue {
  return {
    id: row.id as QueueId,
    name: row.name,
    channel: row.channel,
    strategy: row.strategy,
    waiting: row.waiting,
    longestWaitSeconds: row.longestWaitSeconds,
    offered: row.offered,
    active: row.active,
    agentsReady: row.agentsReady,
    today: { accepted: row.accepted, timedOut: row.timedOut, abandoned: row.abandoned },
  };
}
