import { z } from "zod";
import { typologySchema } from "../domain/agent-record.ts";
import { isKnownTimeZone } from "../domain/coaching.ts";
import { userIdSchema } from "../domain/ids.ts";
import { agentStatusSchema } from "./agents.ts";
import { paginationQuerySchema } from "./pagination.ts";

// Coaching messages (product.md "Coaching messages", seed 001): admins and supervisors send one-way messages to
// one agent or to a group chosen by campaign, list, team or queue; each agent has a copy for the day; admins keep
// a permanent log.

export const COACHING_MESSAGE_MAX = 1000;
export const COACHING_GROUP_KINDS = ["team", "queue", "campaign", "list"] as const;
export const coachingGroupKindSchema = z.enum(COACHING_GROUP_KINDS, `groupKind: one of ${COACHING_GROUP_KINDS.join(", ")}`);
export type CoachingGroupKind = z.infer<typeof coachingGroupKindSchema>;
export const COACHING_TARGET_KINDS = ["agent", ...COACHING_GROUP_KINDS] as const;
export type CoachingTargetKind = (typeof COACHING_TARGET_KINDS)[number];

export const coachingMessageIdSchema = z.uuid("messageId: a coaching message id").brand<"CoachingMessageId">();
export type CoachingMessageId = z.infer<typeof coachingMessageIdSchema>;

export const coachingBodySchema = z
  .string("body: write a message")
  .trim()
  .min(1, "body: write a message; an empty message is not sent")
  .max(COACHING_MESSAGE_MAX, `body: at most ${COACHING_MESSAGE_MAX} characters`);

/** Narrow a group down: the same filters as the agents list. */
export const coachingFiltersSchema = z.object({
  search: z.string("search: text").trim().max(100, "search: at most 100 characters").optional(),
  typology: typologySchema.optional(),
  status: agentStatusSchema.optional(),
});
export type CoachingFilters = z.infer<typeof coachingFiltersSchema>;

/** Who a message goes to: one agent, or the agents of a group with filters. The server resolves the agents. */
export const coachingTargetSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("agent"), agentId: z.uuid("target.agentId: an agent id") }),
    z.object({
      kind: z.literal("group"),
      groupKind: coachingGroupKindSchema,
      groupId: z.uuid("target.groupId: a team, queue, campaign or list id"),
      filters: coachingFiltersSchema.default({}),
    }),
  ],
  "target: { kind: \"agent\", agentId } or { kind: \"group\", groupKind, groupId, filters }",
);
export type CoachingTarget = z.infer<typeof coachingTargetSchema>;
export type CoachingTargetInput = z.input<typeof coachingTargetSchema>;

export const previewRecipientsRequestSchema = z.object({ target: coachingTargetSchema });
export type PreviewRecipientsRequest = z.input<typeof previewRecipientsRequestSchema>;

/** What the confirmation shows before sending: the agent's name for one, the number of agents for a group. */
export const recipientsPreviewSchema = z
  .object({
    kind: z.enum(COACHING_TARGET_KINDS),
    /** The agent's full name, or the group's name. */
    name: z.string(),
    count: z.int().min(0),
  })
  .meta({ id: "CoachingRecipientsPreview" });
export type RecipientsPreview = z.infer<typeof recipientsPreviewSchema>;

/** The compose page's agent list: the agents a target would reach, or every agent in scope. */
export const listRecipientsQuerySchema = paginationQuerySchema.extend(coachingFiltersSchema.shape).extend({
  groupKind: coachingGroupKindSchema.optional(),
  groupId: z.uuid("groupId: a team, queue, campaign or list id").optional(),
});
export type ListRecipientsQuery = z.infer<typeof listRecipientsQuerySchema>;
export type ListRecipientsParams = z.input<typeof listRecipientsQuerySchema>;

export const coachingRecipientAgentSchema = z
  .object({ id: userIdSchema, fullName: z.string(), username: z.string() })
  .meta({ id: "CoachingRecipientAgent" });
export type CoachingRecipientAgent = z.infer<typeof coachingRecipientAgentSchema>;

export const sendCoachingMessageRequestSchema = z.object({ body: coachingBodySchema, target: coachingTargetSchema });
export type SendCoachingMessageRequest = z.input<typeof sendCoachingMessageRequestSchema>;

const timestamp = z.iso.datetime();

export const coachingTargetSummarySchema = z.object({ kind: z.enum(COACHING_TARGET_KINDS), id: z.uuid().nullable(), name: z.string() });

export const sentCoachingMessageSchema = z
  .object({
    id: coachingMessageIdSchema,
    body: z.string(),
    sentAt: timestamp,
    target: coachingTargetSummarySchema,
    recipientCount: z.int(),
    /** Agents whose desktop was online in a working status: they got it at once; the others at their next sign-in or return. */
    deliveredCount: z.int(),
  })
  .meta({ id: "SentCoachingMessage" });
export type SentCoachingMessage = z.infer<typeof sentCoachingMessageSchema>;

/** The agent's own copy, as the desktop shows it. */
export const coachingCopySchema = z
  .object({
    id: coachingMessageIdSchema,
    body: z.string(),
    senderName: z.string(),
    sentAt: timestamp,
    deliveredAt: timestamp.nullable(),
    readAt: timestamp.nullable(),
  })
  .meta({ id: "CoachingCopy" });
export type CoachingCopy = z.infer<typeof coachingCopySchema>;

/** The agent's messages of the day (since the last clear-down), oldest first, and how many are unread. */
export const coachingInboxSchema = z.object({ items: z.array(coachingCopySchema), unread: z.int().min(0) }).meta({ id: "CoachingInbox" });
export type CoachingInbox = z.infer<typeof coachingInboxSchema>;

export const coachingUnreadSchema = z.object({ unread: z.int().min(0) }).meta({ id: "CoachingUnread" });

export const MARK_READ_MAX = 200;
export const markCoachingReadRequestSchema = z.object({
  messageIds: z
    .array(z.uuid("not a coaching message id"), "messageIds: a list of coaching message ids")
    .min(1, "messageIds: at least one")
    .max(MARK_READ_MAX, `messageIds: at most ${MARK_READ_MAX}`),
});
export type MarkCoachingReadRequest = z.infer<typeof markCoachingReadRequestSchema>;
export const coachingReadSchema = z.object({ messageIds: z.array(coachingMessageIdSchema), readAt: timestamp, unread: z.int().min(0) }).meta({ id: "CoachingRead" });
export type CoachingRead = z.infer<typeof coachingReadSchema>;

// The permanent log (admins).
const isoInstant = (field: string) => z.iso.datetime({ offset: true, message: `${field}: a date and time with its offset (ISO 8601)` });
export const coachingLogFiltersSchema = z.object({
  /** The sender's name or username contains this. */
  sender: z.string("sender: text").trim().max(100, "sender: at most 100 characters").optional(),
  /** A recipient's name or username contains this. */
  agent: z.string("agent: text").trim().max(100, "agent: at most 100 characters").optional(),
  /** The message contains this. */
  text: z.string("text: text").trim().max(200, "text: at most 200 characters").optional(),
  from: isoInstant("from").optional(),
  to: isoInstant("to").optional(),
});
export type CoachingLogFilters = z.infer<typeof coachingLogFiltersSchema>;
export const coachingLogQuerySchema = paginationQuerySchema.extend(coachingLogFiltersSchema.shape);
export type CoachingLogQuery = z.infer<typeof coachingLogQuerySchema>;

export const coachingLogEntrySchema = z
  .object({
    id: coachingMessageIdSchema,
    body: z.string(),
    sentAt: timestamp,
    sender: z.object({ id: z.uuid().nullable(), name: z.string(), username: z.string() }),
    target: coachingTargetSummarySchema,
    filters: coachingFiltersSchema,
    recipientCount: z.int(),
    deliveredCount: z.int(),
    readCount: z.int(),
  })
  .meta({ id: "CoachingLogEntry" });
export type CoachingLogEntry = z.infer<typeof coachingLogEntrySchema>;

export const coachingLogParamsSchema = z.object({ messageId: coachingMessageIdSchema });

export const coachingLogRecipientSchema = z
  .object({
    /** Null once the agent was deleted; the name stays. */
    agentId: z.uuid().nullable(),
    fullName: z.string(),
    username: z.string(),
    deliveredAt: timestamp.nullable(),
    readAt: timestamp.nullable(),
    clearedAt: timestamp.nullable(),
  })
  .meta({ id: "CoachingLogRecipient" });
export type CoachingLogRecipient = z.infer<typeof coachingLogRecipientSchema>;

// The overnight clear-down (admins): the local time of day and the account's time zone.
const clearDownTimeSchema = z.string("clearDownTime: a time of day like 03:00").regex(/^([01]\d|2[0-3]):[0-5]\d$/, "clearDownTime: a time of day like 03:00 (24-hour HH:MM)");
const timeZoneSchema = z
  .string("timeZone: a time zone like Europe/Paris")
  .trim()
  .refine(isKnownTimeZone, "timeZone: a time zone like Europe/Paris or UTC (IANA name)");

export const coachingSettingsSchema = z
  .object({
    timeZone: z.string(),
    clearDownTime: z.string(),
    nextClearDownAt: timestamp,
    lastClearDownAt: timestamp.nullable(),
  })
  .meta({ id: "CoachingSettings" });
export type CoachingSettings = z.infer<typeof coachingSettingsSchema>;
export const updateCoachingSettingsRequestSchema = z.object({ timeZone: timeZoneSchema.optional(), clearDownTime: clearDownTimeSchema.optional() });
export type UpdateCoachingSettingsRequest = z.infer<typeof updateCoachingSettingsRequestSchema>;
