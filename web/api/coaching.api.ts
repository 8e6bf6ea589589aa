import {
  coachingInboxSchema,
  coachingLogEntrySchema,
  coachingLogRecipientSchema,
  coachingReadSchema,
  coachingRecipientAgentSchema,
  coachingSettingsSchema,
  recipientsPreviewSchema,
  sentCoachingMessageSchema,
  type CoachingInbox,
  type CoachingLogEntry,
  type CoachingLogFilters,
  type CoachingLogRecipient,
  type CoachingRead,
  type CoachingRecipientAgent,
  type CoachingSettings,
  type CoachingTargetInput,
  type ListRecipientsParams,
  type RecipientsPreview,
  type SentCoachingMessage,
  type UpdateCoachingSettingsRequest,
} from "../../common/api/coaching.ts";
import { pageSchema, type Page } from "../../common/api/pagination.ts";
import { queryString } from "./agents.api.ts";
import { requestJson } from "./http-client.ts";

// Coaching messages (issue 6): compose for admins and supervisors, the agent's day, the admins' log.

export const coachingQueryKeys = {
  all: ["coaching"] as const,
  inbox: ["coaching", "inbox"] as const,
  recipients: (params: ListRecipientsParams) => ["coaching", "recipients", params] as const,
  log: (filters: CoachingLogFilters, page: number) => ["coaching", "log", filters, page] as const,
  logRecipients: (messageId: string, page: number) => ["coaching", "log", "recipients", messageId, page] as const,
  settings: ["coaching", "settings"] as const,
};

export async function listCoachingRecipients(params: ListRecipientsParams): Promise<Page<CoachingRecipientAgent>> {
  return requestJson(`/api/v1/coaching/recipients${queryString({ ...params })}`, pageSchema(coachingRecipientAgentSchema));
}

export async function previewRecipients(target: CoachingTargetInput): Promise<RecipientsPreview> {
  return requestJson("/api/v1/coaching/recipients/preview", recipientsPreviewSchema, { method: "POST", body: { target } });
}

export async function sendCoachingMessage(body: string, target: CoachingTargetInput): Promise<SentCoachingMessage> {
  return requestJson("/api/v1/coaching/messages", sentCoachingMessageSchema, { method: "POST", body: { body, target } });
}

export async function fetchCoachingInbox(): Promise<CoachingInbox> {
  return requestJson("/api/v1/coaching/inbox", coachingInboxSchema);
}

export async function markCoachingRead(messageIds: readonly string[]): Promise<CoachingRead> {
  return requestJson("/api/v1/coaching/inbox/read", coachingReadSchema, { method: "POST", body: { messageIds } });
}

export async function fetchCoachingLog(filters: CoachingLogFilters, page: number, pageSize: number): Promise<Page<CoachingLogEntry>> {
  return requestJson(`/api/v1/coaching/log${queryString({ ...filters, page, pageSize })}`, pageSchema(coachingLogEntrySchema));
}

export async function fetchCoachingLogRecipients(messageId: string, page: number, pageSize: number): Promise<Page<CoachingLogRecipient>> {
  return requestJson(`/api/v1/coaching/log/${encodeURIComponent(messageId)}/recipients${queryString({ page, pageSize })}`, pageSchema(coachingLogRecipientSchema));
}

/** The CSV download's address: the browser fetches it with the session cookie and saves the stream. */
export function coachingLogExportUrl(filters: CoachingLogFilters): string {
  return `/api/v1/coaching/log/export.csv${queryString({ ...filters })}`;
}

export async function fetchCoachingSettings(): Promise<CoachingSettings> {
  return requestJson("/api/v1/settings/coaching", coachingSettingsSchema);
}

export async function updateCoachingSettings(changes: UpdateCoachingSettingsRequest): Promise<CoachingSettings> {
  return requestJson("/api/v1/settings/coaching", coachingSettingsSchema, { method: "PATCH", body: changes });
}
