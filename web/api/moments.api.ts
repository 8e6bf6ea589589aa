import { z } from "zod";
import {
  momentContentSchema,
  momentNotificationSchema,
  momentReportSchema,
  momentSchema,
  momentsAccessSchema,
  tryMomentsResponseSchema,
  type CreateMomentNotificationRequest,
  type MarkMomentRequest,
  type Moment,
  type MomentContent,
  type MomentContentRequest,
  type MomentNotification,
  type MomentReport,
  type MomentsAccess,
  type TryMomentsRequest,
  type TryMomentsResponse,
  type UpdateMomentNotificationRequest,
} from "../../common/api/moments.ts";
import { pageSchema, type Page } from "../../common/api/pagination.ts";
import { queryString } from "./agents.api.ts";
import { requestJson, requestWithoutContent } from "./http-client.ts";

// Moments (issue 7): the console (notifications, content, reports) and the desktop's moments per conversation.

export interface MomentReportFilters {
  from?: string;
  to?: string;
  granularity?: "hour" | "day" | "week";
  notificationId?: string;
  agentId?: string;
  teamId?: string;
  channel?: string;
}

export const momentsQueryKeys = {
  all: ["moments"] as const,
  access: ["moments", "access"] as const,
  notifications: ["moments", "notifications"] as const,
  notification: (id: string) => ["moments", "notifications", id] as const,
  contents: ["moments", "contents"] as const,
  forInteraction: (interactionId: string) => ["moments", "interaction", interactionId] as const,
  report: (filters: MomentReportFilters) => ["moments", "report", filters] as const,
};

export const fetchMomentsAccess = (): Promise<MomentsAccess> => requestJson("/api/v1/moments/access", momentsAccessSchema);

export const listMomentNotifications = (): Promise<Page<MomentNotification>> => requestJson("/api/v1/moments/notifications?pageSize=200", pageSchema(momentNotificationSchema));

export const fetchMomentNotification = (id: string): Promise<MomentNotification> => requestJson(`/api/v1/moments/notifications/${id}`, momentNotificationSchema);

export const createMomentNotification = (body: CreateMomentNotificationRequest): Promise<MomentNotification> =>
  requestJson("/api/v1/moments/notifications", momentNotificationSchema, { method: "POST", body });

export const updateMomentNotification = (id: string, body: UpdateMomentNotificationRequest): Promise<MomentNotification> =>
  requestJson(`/api/v1/moments/notifications/${id}`, momentNotificationSchema, { method: "PATCH", body });

export const deleteMomentNotification = (id: string): Promise<void> => requestWithoutContent(`/api/v1/moments/notifications/${id}`, { method: "DELETE" });

export const listMomentContents = (): Promise<Page<MomentContent>> => requestJson("/api/v1/moments/contents?pageSize=200", pageSchema(momentContentSchema));

export const createMomentContent = (body: MomentContentRequest): Promise<MomentContent> => requestJson("/api/v1/moments/contents", momentContentSchema, { method: "POST", body });

export const updateMomentContent = (id: string, body: MomentContentRequest): Promise<MomentContent> =>
  requestJson(`/api/v1/moments/contents/${id}`, momentContentSchema, { method: "PATCH", body });

export const deleteMomentContent = (id: string): Promise<void> => requestWithoutContent(`/api/v1/moments/contents/${id}`, { method: "DELETE" });

export const tryMoments = (body: TryMomentsRequest): Promise<TryMomentsResponse> => requestJson("/api/v1/moments/try", tryMomentsResponseSchema, { method: "POST", body });

export const listInteractionMoments = async (interactionId: string): Promise<Moment[]> =>
  (await requestJson(`/api/v1/moments?interactionId=${interactionId}`, z.object({ items: z.array(momentSchema) }))).items;

export const markMoment = (id: string, body: MarkMomentRequest): Promise<Moment> => requestJson(`/api/v1/moments/${id}`, momentSchema, { method: "PATCH", body });

export const fetchMomentReport = (filters: MomentReportFilters): Promise<MomentReport> => requestJson(`/api/v1/moments/reports${queryString({ ...filters })}`, momentReportSchema);

export const momentReportCsvUrl = (filters: MomentReportFilters): string => `/api/v1/moments/reports/export.csv${queryString({ ...filters })}`;
