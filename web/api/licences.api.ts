import { agentLicencesSchema, type AgentLicences, type UpdateAgentLicencesRequest } from "../../common/api/licences.ts";
import { requestJson } from "./http-client.ts";

export const licenceQueryKeys = {
  agent: (agentId: string) => ["agents", agentId, "licences"] as const,
} as const;

export async function fetchAgentLicences(agentId: string): Promise<AgentLicences> {
  return requestJson(`/api/v1/agents/${encodeURIComponent(agentId)}/licences`, agentLicencesSchema);
}

export async function updateAgentLicences(agentId: string, changes: UpdateAgentLicencesRequest): Promise<AgentLicences> {
  return requestJson(`/api/v1/agents/${encodeURIComponent(agentId)}/licences`, agentLicencesSchema, { method: "PUT", body: changes });
}
