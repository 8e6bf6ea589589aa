import {
  createdEntryPointSchema,
  entryPointSchema,
  inboundKeySchema,
  type CreatedEntryPoint,
  type CreateEntryPointRequest,
  type EntryPoint,
  type InboundKey,
  type UpdateEntryPointRequest,
} from "../../../common/api/entry-points.ts";
import { pageSchema, type Page } from "../../../common/api/pagination.ts";
import type { Channel } from "../../../common/domain/channels.ts";
import { requestJson, requestWithoutContent } from "../../api/http-client.ts";

// Entry points and their queue chains (issue 4): the admin console's calls.

export interface EntryPointListParams {
  page: number;
  pageSize: number;
  search?: string | undefined;
  channel?: Channel | undefined;
}

export const entryPointQueryKeys = {
  all: ["entry-points"] as const,
  list: (params: EntryPointListParams) => ["entry-points", "list", params] as const,
};

const basePath = "/api/v1/entry-points";
const entryPointPath = (entryPointId: string) => `${basePath}/${encodeURIComponent(entryPointId)}`;

export async function listEntryPoints(params: EntryPointListParams): Promise<Page<EntryPoint>> {
  const query = new URLSearchParams({ page: String(params.page), pageSize: String(params.pageSize) });
  if (params.search) {
    query.set("search", params.search);
  }
  if (params.channel) {
    query.set("channel", params.channel);
  }
  return requestJson(`${basePath}?${query.toString()}`, pageSchema(entryPointSchema));
}

export async function createEntryPoint(request: CreateEntryPointRequest): Promise<CreatedEntryPoint> {
  return requestJson(basePath, createdEntryPointSchema, { method: "POST", body: request });
}

export async function updateEntryPoint(entryPointId: string, request: UpdateEntryPointRequest): Promise<EntryPoint> {
  return requestJson(entryPointPath(entryPointId), entryPointSchema, { method: "PATCH", body: request });
}

export async function deleteEntryPoint(entryPointId: string): Promise<void> {
  await requestWithoutContent(entryPointPath(entryPointId), { method: "DELETE" });
}

export async function rotateInboundKey(entryPointId: string): Promise<InboundKey> {
  return requestJson(`${entryPointPath(entryPointId)}/inbound-key`, inboundKeySchema, { method: "POST" });
}

export async function rotateWebhookSecret(entryPointId: string): Promise<EntryPoint> {
  return requestJson(`${entryPointPath(entryPointId)}/webhook-secret`, entryPointSchema, { method: "POST" });
}
