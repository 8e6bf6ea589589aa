import { customStatusSchema, type CreateCustomStatusRequest, type CustomStatus, type UpdateCustomStatusRequest } from "../../../common/api/presence.ts";
import { requestJson, requestWithoutContent } from "../../api/http-client.ts";

// Custom statuses (issue 4, Presence): the admin console's writes. The list is read with the desktop's own
// `fetchCustomStatuses` under the same query key, so both stay in one cache.

const basePath = "/api/v1/custom-statuses";
const statusPath = (customStatusId: string) => `${basePath}/${encodeURIComponent(customStatusId)}`;

export async function createCustomStatus(request: CreateCustomStatusRequest): Promise<CustomStatus> {
  return requestJson(basePath, customStatusSchema, { method: "POST", body: request });
}

export async function updateCustomStatus(customStatusId: string, request: UpdateCustomStatusRequest): Promise<CustomStatus> {
  return requestJson(statusPath(customStatusId), customStatusSchema, { method: "PATCH", body: request });
}

export async function deleteCustomStatus(customStatusId: string): Promise<void> {
  await requestWithoutContent(statusPath(customStatusId), { method: "DELETE" });
}
