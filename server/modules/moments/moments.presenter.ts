import type { Selectable } from "kysely";
import { momentCriteriaOutputSchema, type Moment, type MomentContent, type MomentContentId, type MomentId, type MomentNotification, type MomentNotificationId } from "../../../common/api/moments.ts";
import type { UserId } from "../../../common/domain/ids.ts";
import type { MomentFiringsTable } from "../../db/tables.ts";
import type { ContentRow, NotificationDetails, NotificationRow } from "./moments-config.repository.ts";

export function presentNotification(row: NotificationRow, details: NotificationDetails | undefined): MomentNotification {
  return {
    id: row.id as MomentNotificationId,
    name: row.name,
    description: row.description,
    enabled: row.enabled,
    personal: row.personal,
    owner: row.ownerId === null ? null : { id: row.ownerId, name: row.ownerName ?? "" },
    criteria: momentCriteriaOutputSchema.parse(row.criteria),
    targets: {
      teams: details?.teams ?? [],
      agents: (details?.agents ?? []).filter((agent) => !agent.excluded).map(({ id, name }) => ({ id, name })),
      excludedAgents: (details?.agents ?? []).filter((agent) => agent.excluded).map(({ id, name }) => ({ id, name })),
      notifySupervisors: row.notifySupervisors,
    },
    contents: (details?.contents ?? []).map((content) => ({ id: content.id as MomentContentId, title: content.title })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentContent(row: ContentRow): MomentContent {
  return {
    id: row.id as MomentContentId,
    title: row.title,
    bodyHtml: row.bodyHtml,
    links: row.links,
    owner: row.ownerId === null ? null : { id: row.ownerId, name: row.ownerName ?? "" },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type FiringRow = Selectable<MomentFiringsTable>;
export type MomentContentView = Moment["contents"][number];

export function presentMoment(row: FiringRow, notification: { description: string; contents: readonly MomentContentView[] } | undefined): Moment {
  return {
    id: row.id as MomentId,
    notificationId: row.notificationId as MomentNotificationId | null,
    notificationName: row.notificationName,
    description: notification?.description ?? "",
    contents: [...(notification?.contents ?? [])],
    interactionId: row.interactionId,
    agentId: row.agentId as UserId | null,
    agentName: row.agentName,
    channel: row.channel,
    source: row.source,
    speaker: row.speaker,
    phrase: row.phrase,
    matchedText: row.matchedText,
    firedAt: row.firedAt.toISOString(),
    dismissedAt: row.dismissedAt?.toISOString() ?? null,
    helpful: row.helpful,
  };
}
