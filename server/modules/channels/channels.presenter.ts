import type { AccountSettings, AgentChannel, AgentChannels, AgentChannelValues, ChannelSettings } from "../../../common/api/channels.ts";
import { DEFAULT_AGENT_CHANNEL, effectiveCapacity } from "../../../common/domain/capacity.ts";
import type { Channel } from "../../../common/domain/channels.ts";
import type { UserId } from "../../../common/domain/ids.ts";
import type { AgentChannelRow } from "./channels.repository.ts";

function presentChannel(channel: Channel, row: AgentChannelRow | undefined, settings: ChannelSettings): AgentChannel {
  const stored: AgentChannelValues | null = row
    ? { enabled: row.enabled, capacity: row.capacity, autoAnswerDelaySeconds: row.autoAnswerDelaySeconds, paused: row.paused }
    : null;
  const values = stored ?? DEFAULT_AGENT_CHANNEL;
  // A stored row sets enabled, auto-answer and paused; capacity only when it is not empty.
  const rowSource = stored ? "agent" : "global";
  return {
    channel,
    stored,
    defaultCapacity: settings.defaultCapacity[channel],
    effective: {
      enabled: { value: values.enabled, source: rowSource },
      capacity: effectiveCapacity(values.capacity, settings.defaultCapacity[channel]),
      autoAnswerDelaySeconds: { value: values.autoAnswerDelaySeconds, source: rowSource },
      paused: { value: values.paused, source: rowSource },
    },
  };
}

/** One entry per channel of the account, with the stored values and the effective ones and their source. */
export function presentAgentChannels(agentId: string, rows: AgentChannelRow[], account: AccountSettings, settings: ChannelSettings): AgentChannels {
  const byChannel = new Map(rows.map((row) => [row.channel, row]));
  return {
    agentId: agentId as UserId,
    items: account.enabledChannels.map((channel) => presentChannel(channel, byChannel.get(channel), settings)),
    maxOpenTabs: settings.maxOpenTabs,
  };
}
