import { z } from "zod";
import { CHANNELS, channelSchema } from "../domain/channels.ts";
import { AGENT_CAPACITY_MAX, AGENT_CAPACITY_MIN, AUTO_ANSWER_DELAY_MAX, DEFAULT_CAPACITY_MAX, MAX_OPEN_TABS_MAX } from "../domain/capacity.ts";
import { userIdSchema } from "../domain/ids.ts";

// product.md, Channels and capacity. Voice, SMS and chat are on for every account; the others per account.
export const accountSettingsSchema = z
  .object({
    // Always lists voice, sms and chat; a request that leaves them out still keeps them on.
    enabledChannels: z.array(channelSchema),
    // product.md, The agent record: "mobile only where the account enables it".
    mobileTypologyEnabled: z.boolean("mobileTypologyEnabled: true or false"),
  })
  .meta({ id: "AccountSettings" });
export type AccountSettings = z.infer<typeof accountSettingsSchema>;

export const updateAccountSettingsRequestSchema = z.object({
  enabledChannels: z
    .array(z.enum(CHANNELS, `one of ${CHANNELS.join(", ")}`), "enabledChannels: a list of channels")
    .max(CHANNELS.length * 2, "enabledChannels: too many entries")
    .optional(),
  mobileTypologyEnabled: z.boolean("mobileTypologyEnabled: true or false").optional(),
});
export type UpdateAccountSettingsRequest = z.infer<typeof updateAccountSettingsRequestSchema>;

// Nested under the channel's name: the error handler prefixes the path ("defaultCapacity.chat: at most 50").
const defaultCapacitySchema = z
  .int("a whole number")
  .min(0, "at least 0 (0 is unlimited)")
  .max(DEFAULT_CAPACITY_MAX, `at most ${DEFAULT_CAPACITY_MAX}`);

const maxOpenTabsSchema = z
  .int("maxOpenTabs: a whole number")
  .min(0, "maxOpenTabs: at least 0 (0 is unlimited)")
  .max(MAX_OPEN_TABS_MAX, `maxOpenTabs: at most ${MAX_OPEN_TABS_MAX}`);

// Global channel settings: a default capacity per channel (0 = unlimited) and the max open tab limit
// across channels (0 = unlimited).
export const channelSettingsSchema = z
  .object({
    defaultCapacity: z.record(channelSchema, defaultCapacitySchema),
    maxOpenTabs: maxOpenTabsSchema,
  })
  .meta({ id: "ChannelSettings" });
export type ChannelSettings = z.infer<typeof channelSettingsSchema>;

export const updateChannelSettingsRequestSchema = z.object({
  defaultCapacity: z.partialRecord(channelSchema, defaultCapacitySchema, "defaultCapacity: an object of channel → capacity").optional(),
  maxOpenTabs: maxOpenTabsSchema.optional(),
});
export type UpdateChannelSettingsRequest = z.infer<typeof updateChannelSettingsRequestSchema>;

// Per agent and channel. `capacity` null: the global default; `autoAnswerDelaySeconds` null: no auto-answer.
const agentCapacitySchema = z
  .int("capacity: a whole number from 1 to 50, or empty for the global default")
  .min(AGENT_CAPACITY_MIN, `capacity: at least ${AGENT_CAPACITY_MIN} (leave it empty for the global default)`)
  .max(AGENT_CAPACITY_MAX, `capacity: at most ${AGENT_CAPACITY_MAX}`);

const autoAnswerDelaySchema = z
  .int("autoAnswerDelaySeconds: a whole number of seconds, or empty for no auto-answer")
  .min(0, "autoAnswerDelaySeconds: at least 0")
  .max(AUTO_ANSWER_DELAY_MAX, `autoAnswerDelaySeconds: at most ${AUTO_ANSWER_DELAY_MAX}`);

export const agentChannelValuesSchema = z.object({
  enabled: z.boolean("enabled: true or false"),
  capacity: agentCapacitySchema.nullable(),
  autoAnswerDelaySeconds: autoAnswerDelaySchema.nullable(),
  paused: z.boolean("paused: true or false"),
});
export type AgentChannelValues = z.infer<typeof agentChannelValuesSchema>;

/** Fields left out keep their value (or the default when the channel was never set for this agent). */
export const updateAgentChannelRequestSchema = agentChannelValuesSchema.partial();
export type UpdateAgentChannelRequest = z.infer<typeof updateAgentChannelRequestSchema>;

// Where an effective value comes from: the agent's own setting, or the global setting (or default).
export const valueSourceSchema = z.enum(["agent", "global"]);
export type ValueSource = z.infer<typeof valueSourceSchema>;

function sourced<Value extends z.ZodType>(value: Value) {
  return z.object({ value, source: valueSourceSchema });
}

export const agentChannelSchema = z
  .object({
    channel: channelSchema,
    /** The agent's stored row; null when never set (the defaults apply). */
    stored: agentChannelValuesSchema.nullable(),
    /** The channel's global default capacity, which an empty capacity falls back to (0 = unlimited). */
    defaultCapacity: z.int(),
    effective: z.object({
      enabled: sourced(z.boolean()),
      /** 0 is unlimited (a global default of 0). */
      capacity: sourced(z.int()),
      autoAnswerDelaySeconds: sourced(z.int().nullable()),
      paused: sourced(z.boolean()),
    }),
  })
  .meta({ id: "AgentChannel" });
export type AgentChannel = z.infer<typeof agentChannelSchema>;

export const agentChannelsSchema = z
  .object({
    agentId: userIdSchema,
    /** One per channel enabled for the account, in the catalogue's order. */
    items: z.array(agentChannelSchema),
    /** The global max open tab limit across channels (0 = unlimited). */
    maxOpenTabs: z.int(),
  })
  .meta({ id: "AgentChannels" });
export type AgentChannels = z.infer<typeof agentChannelsSchema>;

export const agentParamsSchema = z.object({ agentId: userIdSchema });
export const agentChannelParamsSchema = z.object({
  agentId: userIdSchema,
  channel: z.enum(CHANNELS, `channel: one of ${CHANNELS.join(", ")}`),
});
