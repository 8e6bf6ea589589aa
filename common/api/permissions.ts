import { z } from "zod";
import { MODULES, moduleSchema } from "../domain/modules.ts";

// Top-level messages name their field; nested ones get their path from the error handler
// ("downloads.recordings: true or false").
function flag(field?: string) {
  return z.boolean(field ? `${field}: true or false` : "true or false");
}

// product.md, The agent record: permissions. Seed 002 "Permissions" describes each flag.
export const agentPermissionsSchema = z
  .object({
    /** Use of the internal messenger on the desktop. */
    internalMessenger: flag("internalMessenger"),
    /** A sound when an internal message arrives. */
    messengerSound: flag("messengerSound"),
    /** The agent must choose a service prefix when placing a call. */
    prefixRequired: flag("prefixRequired"),
    /** The agent may choose the campaign a "recall me" is tied to. */
    selectRecallMeCampaign: flag("selectRecallMeCampaign"),
    /** The agent may reschedule the calls of their queues (date, time, agent). */
    rescheduleCalls: flag("rescheduleCalls"),
    downloads: z.object({
      attachments: flag(),
      interactions: flag(),
      recordings: flag(),
    }),
    /** Every module of the catalogue with its switch. */
    modules: z.record(moduleSchema, z.boolean()),
  })
  .meta({ id: "AgentPermissions" });
export type AgentPermissions = z.infer<typeof agentPermissionsSchema>;

/** A change: only the fields sent are changed (modules one by one). */
export const updateAgentPermissionsRequestSchema = z.object({
  internalMessenger: flag("internalMessenger").optional(),
  messengerSound: flag("messengerSound").optional(),
  prefixRequired: flag("prefixRequired").optional(),
  selectRecallMeCampaign: flag("selectRecallMeCampaign").optional(),
  rescheduleCalls: flag("rescheduleCalls").optional(),
  downloads: z
    .object({
      attachments: flag().optional(),
      interactions: flag().optional(),
      recordings: flag().optional(),
    }, "downloads: an object of attachments, interactions, recordings")
    .optional(),
  modules: z
    .partialRecord(z.enum(MODULES, `one of ${MODULES.join(", ")}`), flag(), "modules: an object of module → true or false")
    .optional(),
});
export type UpdateAgentPermissionsRequest = z.infer<typeof updateAgentPermissionsRequestSchema>;

// Defaults of a new agent: the messenger on, downloads of attachments on; the rest an admin turns on.
// Modules are all on (product.md: "all on for a new agent").
export const DEFAULT_AGENT_FLAGS: Omit<AgentPermissions, "modules"> = {
  internalMessenger: true,
  messengerSound: true,
  prefixRequired: false,
  selectRecallMeCampaign: false,
  rescheduleCalls: false,
  downloads: { attachments: true, interactions: false, recordings: false },
};
