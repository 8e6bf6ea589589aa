import { agentPermissionsSchema, type AgentPermissions, type UpdateAgentPermissionsRequest } from "../../common/api/permissions.ts";
import { requestJson } from "./http-client.ts";

export const permissionQueryKeys = {
  own: ["me", "permissions"],
  agent: (agentId: string) => ["agents", agentId, "permissions"] as const,
} as const;

export async function fetchOwnPermissions(): Promise<AgentPermissions> {
  return requestJson("/api/v1/me/permissions", agentPermissionsSchema);
}

export async function fetchAgentPermissions(agentId: string): Promise<AgentPermissions> {
  return requestJson(`/api/v1/agents/${encodeURIComponent(agentId)}/permissions`, agentPermissionsSchema);
}

export async function updateAgentPermissions(agentId: string, changes: UpdateAgentPermissionsRequest): Promise<AgentPermissions> {
  return requestJson(`/api/v1/agents/${encodeURIComponent(agentId)}/permissions`, agentPermissionsSchema, { method: "PUT", body: changes });
}
