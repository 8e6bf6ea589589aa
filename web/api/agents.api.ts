import { z } from "zod";
import {
  agentSchema,
  agentSummarySchema,
  deletedAgentsSchema,
  type Agent,
  type AgentSummary,
  type CreateAgentRequest,
  type ExportAgentsParams,
  type ListAgentsQuery,
  type UpdateAgentRequest,
} from "../../common/api/agents.ts";
import { accountSettingsSchema } from "../../common/api/channels.ts";
import { pageSchema, type Page } from "../../common/api/pagination.ts";
import { requestJson, requestWithoutContent } from "./http-client.ts";

export const agentQueryKeys = {
  all: ["agents"] as const,
  list: (params: ListAgentsQuery) => ["agents", "list", params] as const,
  detail: (agentId: string) => ["agents", "detail", agentId] as const,
  teamOptions: ["agents", "filter-options", "teams"] as const,
  queueOptions: ["agents", "filter-options", "queues"] as const,
  mobileTypology: ["agents", "mobile-typology"] as const,
};

const agentPageSchema = pageSchema(agentSummarySchema);

/** `?a=1&b=2` of the parameters that have a value; empty ones are left out (the server refuses `typology=`). */
export function queryString(params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) {
      if (value.length > 0) {
        search.set(key, value.join(","));
      }
    } else if (typeof value === "string" || typeof value === "number") {
      if (value !== "") {
        search.set(key, String(value));
      }
    }
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export async function listAgents(params: ListAgentsQuery): Promise<Page<AgentSummary>> {
  return requestJson(`/api/v1/agents${queryString(params)}`, agentPageSchema);
}

export async function fetchAgent(agentId: string): Promise<Agent> {
  return requestJson(`/api/v1/agents/${encodeURIComponent(agentId)}`, agentSchema);
}

export async function createAgent(request: CreateAgentRequest): Promise<Agent> {
  return requestJson("/api/v1/agents", agentSchema, { method: "POST", body: request });
}

export async function updateAgent(agentId: string, changes: UpdateAgentRequest): Promise<Agent> {
  return requestJson(`/api/v1/agents/${encodeURIComponent(agentId)}`, agentSchema, { method: "PATCH", body: changes });
}

export async function setAgentPassword(agentId: string, password: string): Promise<void> {
  await requestWithoutContent(`/api/v1/agents/${encodeURIComponent(agentId)}/password`, { method: "PUT", body: { password } });
}

export async function deleteAgents(agentIds: readonly string[]): Promise<number> {
  const result = await requestJson("/api/v1/agents/delete", deletedAgentsSchema, { method: "POST", body: { agentIds } });
  return result.deleted;
}

/** The CSV download's address: the browser fetches it with the session cookie and saves the stream to disk. */
export function agentExportUrl(params: ExportAgentsParams): string {
  return `/api/v1/agents/export.csv${queryString(params)}`;
}

// Filter choices come from the teams and queues APIs; only the id and name are needed here.
const optionPageSchema = pageSchema(z.object({ id: z.string(), name: z.string() }));
export type FilterOption = z.infer<typeof optionPageSchema>["items"][number];

export async function listTeamOptions(): Promise<FilterOption[]> {
  return (await requestJson("/api/v1/teams?pageSize=200", optionPageSchema)).items;
}

export async function listQueueOptions(): Promise<FilterOption[]> {
  return (await requestJson("/api/v1/queues?pageSize=200", optionPageSchema)).items;
}

/** Whether the account offers the mobile typology (product.md: "mobile only where the account enables it"). */
export async function fetchMobileTypologyEnabled(): Promise<boolean> {
  return (await requestJson("/api/v1/settings/account", accountSettingsSchema)).mobileTypologyEnabled;
}
