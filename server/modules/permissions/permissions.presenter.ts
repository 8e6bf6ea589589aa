import { agentPermissionsSchema, DEFAULT_AGENT_FLAGS, type AgentPermissions, type UpdateAgentPermissionsRequest } from "../../../common/api/permissions.ts";
import { resolveModules } from "../../../common/domain/modules.ts";

const storedShape = agentPermissionsSchema.partial().extend({
  downloads: agentPermissionsSchema.shape.downloads.partial().optional(),
  modules: agentPermissionsSchema.shape.modules.optional(),
});

/**
 * The permissions as they apply, from the `users.permissions` jsonb: a flag never set has its default and a
 * module missing from the map is on (product.md: "all on for a new agent"). Unknown or malformed stored
 * values fall back to the defaults rather than failing the read.
 */
export function presentPermissions(stored: unknown): AgentPermissions {
  const parsed = storedShape.safeParse(stored ?? {});
  const value = parsed.success ? parsed.data : {};
  return {
    internalMessenger: value.internalMessenger ?? DEFAULT_AGENT_FLAGS.internalMessenger,
    messengerSound: value.messengerSound ?? DEFAULT_AGENT_FLAGS.messengerSound,
    prefixRequired: value.prefixRequired ?? DEFAULT_AGENT_FLAGS.prefixRequired,
    selectRecallMeCampaign: value.selectRecallMeCampaign ?? DEFAULT_AGENT_FLAGS.selectRecallMeCampaign,
    rescheduleCalls: value.rescheduleCalls ?? DEFAULT_AGENT_FLAGS.rescheduleCalls,
    downloads: { ...DEFAULT_AGENT_FLAGS.downloads, ...value.downloads },
    modules: resolveModules(value.modules),
  };
}

/** The permissions after a change: only the fields sent change; modules one by one. */
export function applyPermissionChanges(current: AgentPermissions, changes: UpdateAgentPermissionsRequest): AgentPermissions {
  const { downloads, modules, ...flags } = changes;
  return {
    ...current,
    ...flags,
    downloads: { ...current.downloads, ...downloads },
    modules: { ...current.modules, ...modules },
  };
}
