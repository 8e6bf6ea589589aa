import { z } from "zod";
import { securitySettingsSchema } from "../api/settings.ts";
import { userSummarySchema } from "../api/users.ts";
import { agentMembershipsSchema, campaignIdSchema, campaignSchema, listIdSchema, listSchema, membershipChangeSchema, queueIdSchema, teamIdSchema } from "../api/groups.ts";
import { queueSchema } from "../api/queues.ts";
import { teamSchema } from "../api/teams.ts";
import { accountSettingsSchema, agentChannelsSchema, channelSettingsSchema } from "../api/channels.ts";
import { agentClientLogSettingsSchema } from "../api/client-logs.ts";
import { agentLicencesSchema } from "../api/licences.ts";
import { agentPermissionsSchema } from "../api/permissions.ts";
import { userIdSchema } from "../domain/ids.ts";
import { agentIdSchema, agentSummarySchema } from "../api/agents.ts";
import { entryPointIdSchema, interactionIdSchema, interactionMessageSchema, interactionSchema, offerSchema } from "../api/interactions.ts";
import { customStatusSchema, presenceSchema } from "../api/presence.ts";
import { coachingCopySchema, coachingMessageIdSchema } from "../api/coaching.ts";
import { momentNotificationIdSchema, momentSchema } from "../api/moments.ts";

// One typed catalogue shared by the server and the web: event name → payload schema.
// Names are `<entity>.<past-tense verb>` (CONVENTIONS.md, rule 4).
export const eventCatalogue = {
  "session.ended": z.object({ reason: z.enum(["signed_out", "expired", "revoked"]) }),
  "settings.updated": z.object({ security: securitySettingsSchema }),
  "user.updated": z.object({ user: userSummarySchema }),
  "user.security_changed": z.object({ userId: z.uuid() }),
  "user.avatar_changed": z.object({ userId: z.uuid(), hasAvatar: z.boolean() }),
  "account_settings.updated": z.object({ account: accountSettingsSchema }),
  "channel_settings.updated": z.object({ channels: channelSettingsSchema }),
  "agent.channels_changed": z.object({ agentId: userIdSchema, channels: agentChannelsSchema }),
  "agent.permissions_changed": z.object({ agentId: userIdSchema, permissions: agentPermissionsSchema }),
  "agent.licences_changed": z.object({ agentId: userIdSchema, licences: agentLicencesSchema }),
  "agent.client_logs_changed": z.object({ agentId: userIdSchema, settings: agentClientLogSettingsSchema }),
  "agent.created": z.object({ agent: agentSummarySchema }),
  "agent.updated": z.object({ agent: agentSummarySchema }),
  "agent.deleted": z.object({ agentId: agentIdSchema }),
  "agent.memberships_changed": z.object({ agentId: userIdSchema, memberships: agentMembershipsSchema, change: membershipChangeSchema }),
  "team.created": z.object({ team: teamSchema }),
  "team.updated": z.object({ team: teamSchema }),
  "team.deleted": z.object({ teamId: teamIdSchema }),
  "queue.created": z.object({ queue: queueSchema }),
  "queue.updated": z.object({ queue: queueSchema }),
  "queue.deleted": z.object({ queueId: queueIdSchema }),
  "campaign.created": z.object({ campaign: campaignSchema }),
  "campaign.updated": z.object({ campaign: campaignSchema }),
  "campaign.deleted": z.object({ campaignId: campaignIdSchema }),
  "list.created": z.object({ list: listSchema }),
  "list.updated": z.object({ list: listSchema }),
  "list.deleted": z.object({ listId: listIdSchema }),
  // Routing (issue 4). Offers and interactions go to the agent's own room; the wallboard hint carries no data
  // (the page re-reads what its viewer may see).
  "offer.created": z.object({ offer: offerSchema }),
  // An agent holds at most one alert per interaction: the interaction names it. One event goes to every agent whose
  // alert for it ended together (a ring-all accept ends them all), so it is fanned out once.
  "offer.withdrawn": z.object({ interactionId: interactionIdSchema, reason: z.enum(["accepted_elsewhere", "rejected", "expired", "timed_out", "abandoned", "unavailable"]) }),
  "interaction.assigned": z.object({ interaction: interactionSchema }),
  "interaction.updated": z.object({ interaction: interactionSchema }),
  "interaction.closed": z.object({ interaction: interactionSchema }),
  "interaction.message_added": z.object({ message: interactionMessageSchema }),
  // Server-side only (no room): an interaction entered a queue, or left the queues without an owner (timed out,
  // abandoned). The wallboard's hint follows it.
  "interaction.queue_changed": z.object({ interactionId: interactionIdSchema }),
  "presence.changed": z.object({ presence: presenceSchema }),
  "custom_statuses.changed": z.object({ statuses: z.array(customStatusSchema) }),
  "wallboard.changed": z.object({}),
  // Entry points carry only their id: the page re-reads, so the webhook signing secret never rides an event.
  "entry_point.created": z.object({ entryPointId: entryPointIdSchema }),
  "entry_point.updated": z.object({ entryPointId: entryPointIdSchema }),
  "entry_point.deleted": z.object({ entryPointId: entryPointIdSchema }),
  // Coaching (issue 6). The same payload goes to every recipient's own room in one emit: each agent's copy is
  // the message id with their user id. Missed messages arrive together at the next sign-in or return to work.
  "coaching_message.delivered": z.object({ messages: z.array(coachingCopySchema) }),
  "coaching_message.read": z.object({ messageIds: z.array(coachingMessageIdSchema), readAt: z.iso.datetime(), unread: z.int().min(0) }),
  // The overnight clear-down: copies of messages sent before `before` left every agent's view.
  "coaching_messages.cleared": z.object({ before: z.iso.datetime() }),
  // For the admins' log page, which re-reads.
  "coaching_message.sent": z.object({ messageId: coachingMessageIdSchema }),
  // Moments (issue 7): a notification fired on an agent's conversation (to the agent, and to their supervisors when
  // the notification asks); the agent dismissed it or marked it helpful (their other tabs follow); a notification
  // changed (the consoles re-read; every server process's matcher rebuilds).
  "moment.fired": z.object({ moment: momentSchema }),
  "moment.updated": z.object({ moment: momentSchema }),
  "moment_notification.changed": z.object({ notificationId: momentNotificationIdSchema }),
} as const;

export type EventName = keyof typeof eventCatalogue;
export type EventPayload<Name extends EventName> = z.infer<(typeof eventCatalogue)[Name]>;

// Socket.IO's typed-events shape, derived from the catalogue.
export type ServerToClientEvents = { [Name in EventName]: (payload: EventPayload<Name>) => void };
export type ClientToServerEvents = Record<string, never>;

export const EVENT_NAMES = Object.keys(eventCatalogue) as EventName[];
