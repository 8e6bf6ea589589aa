import {
  agentClientLogSettingsSchema,
  clientLogEntrySchema,
  clientLogSettingsSchema,
  type AgentClientLogSettings,
  type ClientLogEntry,
  type ClientLogLevel,
  type ClientLogSettings,
  type UpdateClientLogSettingsRequest,
} from "../../common/api/client-logs.ts";
import { pageSchema, type Page } from "../../common/api/pagination.ts";
import { requestJson } from "./http-client.ts";

export const clientLogQueryKeys = {
  own: ["me", "client-logs"],
  agentSettings: (agentId: string) => ["agents", agentId, "client-logs", "settings"] as const,
  agentLines: (agentId: string) => ["agents", agentId, "client-logs", "lines"] as const,
  agentPage: (agentId: string, page: number, level: ClientLogLevel | null) => ["agents", agentId, "client-logs", "lines", page, level] as const,
} as const;

const clientLogPageSchema = pageSchema(clientLogEntrySchema);
export const CLIENT_LOG_PAGE_SIZE = 50;

export async function fetchOwnClientLogSettings(): Promise<ClientLogSettings> {
  return requestJson("/api/v1/client-logs/settings", clientLogSettingsSchema);
}

export async function fetchAgentClientLogSettings(agentId: string): Promise<AgentClientLogSettings> {
  return requestJson(`/api/v1/agents/${encodeURIComponent(agentId)}/client-logs/settings`, agentClientLogSettingsSchema);
}

export async function updateAgentClientLogSettings(agentId: string, changes: UpdateClientLogSettingsRequest): Promise<AgentClientLogSettings> {
  return requestJson(`/api/v1/agents/${encodeURIComponent(agentId)}/client-logs/settings`, agentClientLogSettingsSchema, { method: "PUT", body: changes });
}

export async function fetchAgentClientLogs(agentId: string, page: number, level: ClientLogLevel | null): Promise<Page<ClientLogEntry>> {
  const query = new URLSearchParams({ page: String(page), pageSize: String(CLIENT_LOG_PAGE_SIZE) });
  if (level) {
    query.set("level", level);
  }
  return requestJson(`/api/v1/agents/${encodeURIComponent(agentId)}/client-logs?${query.toString()}`, clientLogPageSchema);
}

/** A plain link the browser downloads with the session cookie (a GET needs no CSRF header). */
export function clientLogDownloadUrl(agentId: string, format: "text" | "csv", level: ClientLogLevel | null): string {
  const query = new URLSearchParams({ format });
  if (level) {
    query.set("level", level);
  }
  return `/api/v1/agents/${encodeURIComponent(agentId)}/client-logs/download?${query.toString()}`;
}
