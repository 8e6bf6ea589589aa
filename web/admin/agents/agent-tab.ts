import type { ComponentType } from "react";
import type { Role } from "../../../common/domain/roles.ts";

/**
 * A tab of the agent page (`/admin/agents/:agentId`). Areas contribute tabs from files of their own; the
 * page shows them in the order of `agent-tabs.ts`, to the roles each allows.
 */
export interface AgentTab {
  /** Path segment: /admin/agents/:agentId/<id>. */
  id: string;
  label: string;
  roles: readonly Role[];
  Component: ComponentType<{ agentId: string }>;
}
