import {
  accountSettingsSchema,
  agentChannelsSchema,
  channelSettingsSchema,
  type AccountSettings,
  type AgentChannels,
  type ChannelSettings,
  type UpdateAccountSettingsRequest,
  type UpdateAgentChannelRequest,
  type UpdateChannelSettingsRequest,
} from "../../common/api/channels.ts";
import type { Channel } from "../../common/domain/channels.ts";
import { requestJson } from "./http-client.ts";

export const channelQueryKeys = {
  accountSettings: ["settings", "account"],
  channelSettings: ["settings", "channels"],
  agentChannels: (agentId: string) => ["agents", agentId, "channels"] as const,
} as const;

export async function fetchAccountSettings(): Promise<AccountSettings> {
  return requestJson("/api/v1/settings/account", accountSettingsSchema);
}

export async function updateAccountSettings(changes: UpdateAccountSettingsRequest): Promise<AccountSettings> {
  return requestJson("/api/v1/settings/account", accountSettingsSchema, { method: "PATCH", body: changes });
}

export async function fetchChannelSettings(): Promise<ChannelSettings> {
  return requestJson("/api/v1/settings/channels", channelSettingsSchema);
}

export async function updateChannelSettings(changes: UpdateChannelSettingsRequest): Promise<ChannelSettings> {
  return requestJson("/api/v1/settings/channels", channelSettingsSchema, { method: "PATCH", body: changes });
}

export async function fetchAgentChannels(agentId: string): Promise<AgentChannels> {
  return requestJson(`/api/v1/agents/${encodeURIComponent(agentId)}/channels`, agentChannelsSchema);
}

export async function saveAgentChannel(agentId: string, channel: Channel, changes: UpdateAgentChannelRequest): Promise<AgentChannels> {
  return requestJson(`/api/v1/agents/${encodeURIComponent(agentId)}/channels/${channel}`, agentChannelsSchema, { method: "PUT", body: changes });
}
