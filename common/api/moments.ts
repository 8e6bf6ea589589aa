import { z } from "zod";
import { channelSchema } from "../domain/channels.ts";
import { userIdSchema } from "../domain/ids.ts";
import { phraseProblem, SPEAKERS } from "../domain/moments.ts";
import { paginationQuerySchema } from "./pagination.ts";

// Moments (issue 7, product.md "Moments", seed 000): phrase-match notifications with content, pushed to the agent
// whose live conversation matches; agent self-service; reports.

export const momentNotificationIdSchema = z.uuid("notificationId: a notification id").brand<"MomentNotificationId">();
export type MomentNotificationId = z.infer<typeof momentNotificationIdSchema>;
export const momentContentIdSchema = z.uuid("contentId: a content item id").brand<"MomentContentId">();
export type MomentContentId = z.infer<typeof momentContentIdSchema>;
export const momentIdSchema = z.uuid("momentId: a moment id").brand<"MomentId">();
export type MomentId = z.infer<typeof momentIdSchema>;

const timestamp = z.iso.datetime({ offset: true });

function phrasesSchema(field: string, maximum: number) {
  return z
    .array(
      z.string(`${field}: phrases are text`).superRefine((phrase, context) => {
        const problem = phraseProblem(phrase);
        if (problem) {
          context.addIssue({ code: "custom", message: `"${phrase.slice(0, 40)}": ${problem}` });
        }
      }),
      `${field}: a list of phrases`,
    )
    .max(maximum, `${field}: at most ${maximum} phrases`)
    .transform((phrases) => [...new Set(phrases.map((phrase) => phrase.trim()))]);
}

export const momentSpeakerSchema = z.enum(SPEAKERS, `criteria.speaker: one of ${SPEAKERS.join(", ")}`);

export const momentFrequencySchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("once") }),
    z.object({
      kind: z.literal("every"),
      cooldownSeconds: z.int("criteria.frequency.cooldownSeconds: whole seconds").min(0, "criteria.frequency.cooldownSeconds: at least 0").max(86_400, "criteria.frequency.cooldownSeconds: at most 86400 (a day)"),
    }),
  ],
  'criteria.frequency: { kind: "once" } or { kind: "every", cooldownSeconds }',
);

/**
 * When a notification fires (issue 7, item 1): any of `anyOf` said, with every `allOf` phrase said in the same
 * conversation and no `exclude` phrase; or none of `notMentioned.phrases` said within `withinSeconds` of the
 * conversation's start (a timer, not a text match). By `speaker`, on these channels and queues (empty: all), at
 * most once per conversation or at every match after a cool-down.
 */
export const momentCriteriaSchema = z
  .object({
    anyOf: phrasesSchema("criteria.anyOf", 50).default([]),
    allOf: phrasesSchema("criteria.allOf", 20).default([]),
    exclude: phrasesSchema("criteria.exclude", 20).default([]),
    notMentioned: z
      .object({
        phrases: phrasesSchema("criteria.notMentioned.phrases", 20).refine((phrases) => phrases.length > 0, "criteria.notMentioned.phrases: at least one phrase"),
        withinSeconds: z.int("criteria.notMentioned.withinSeconds: whole seconds").min(5, "criteria.notMentioned.withinSeconds: at least 5").max(3_600, "criteria.notMentioned.withinSeconds: at most 3600"),
      })
      .nullable()
      .default(null),
    speaker: momentSpeakerSchema.default("either"),
    channels: z.array(channelSchema, "criteria.channels: a list of channels").max(20).default([]),
    queueIds: z.array(z.uuid("criteria.queueIds: queue ids"), "criteria.queueIds: a list of queue ids").max(100, "criteria.queueIds: at most 100 queues").default([]),
    frequency: momentFrequencySchema.default({ kind: "once" }),
  })
  .refine((criteria) => criteria.anyOf.length > 0 || criteria.allOf.length > 0 || criteria.notMentioned !== null, {
    message: "criteria.anyOf: give at least one phrase (or all-of phrases, or a not-mentioned rule)",
    path: ["anyOf"],
  })
  .meta({ id: "MomentCriteria" });
export type MomentCriteriaInput = z.input<typeof momentCriteriaSchema>;

/** The criteria as stored and answered: the request's shape after its defaults and clean-up (no transforms). */
export const momentCriteriaOutputSchema = z
  .object({
    anyOf: z.array(z.string()),
    allOf: z.array(z.string()),
    exclude: z.array(z.string()),
    notMentioned: z.object({ phrases: z.array(z.string()), withinSeconds: z.int() }).nullable(),
    speaker: z.enum(SPEAKERS),
    channels: z.array(channelSchema),
    queueIds: z.array(z.uuid()),
    frequency: z.discriminatedUnion("kind", [z.object({ kind: z.literal("once") }), z.object({ kind: z.literal("every"), cooldownSeconds: z.int() })]),
  })
  .meta({ id: "MomentCriteriaStored" });
export type MomentCriteria = z.infer<typeof momentCriteriaOutputSchema>;

export const momentTargetsInputSchema = z.object({
  teamIds: z.array(z.uuid("targets.teamIds: team ids"), "targets.teamIds: a list of team ids").max(100).default([]),
  agentIds: z.array(z.uuid("targets.agentIds: agent ids"), "targets.agentIds: a list of agent ids").max(500).default([]),
  excludedAgentIds: z.array(z.uuid("targets.excludedAgentIds: agent ids"), "targets.excludedAgentIds: a list of agent ids").max(500).default([]),
  notifySupervisors: z.boolean("targets.notifySupervisors: true or false").default(false),
});

const nameSchema = z.string("name: text").trim().min(1, "name: give the notification a name").max(200, "name: at most 200 characters");
const descriptionSchema = z.string("description: text").trim().max(2_000, "description: at most 2000 characters");
const contentIdsSchema = z.array(z.uuid("contentIds: content item ids"), "contentIds: a list of content item ids").max(20, "contentIds: at most 20 content items");

export const createMomentNotificationRequestSchema = z.object({
  name: nameSchema,
  description: descriptionSchema.default(""),
  enabled: z.boolean("enabled: true or false").default(true),
  criteria: momentCriteriaSchema,
  /** Absent for an agent's own notification: it reaches them alone. */
  targets: momentTargetsInputSchema.optional(),
  contentIds: contentIdsSchema.default([]),
});
export type CreateMomentNotificationRequest = z.input<typeof createMomentNotificationRequestSchema>;

export const updateMomentNotificationRequestSchema = z.object({
  name: nameSchema.optional(),
  description: descriptionSchema.optional(),
  enabled: z.boolean("enabled: true or false").optional(),
  criteria: momentCriteriaSchema.optional(),
  targets: momentTargetsInputSchema.optional(),
  contentIds: contentIdsSchema.optional(),
});
export type UpdateMomentNotificationRequest = z.input<typeof updateMomentNotificationRequestSchema>;

const namedSchema = z.object({ id: z.uuid(), name: z.string() });

export const momentNotificationSchema = z
  .object({
    id: momentNotificationIdSchema,
    name: z.string(),
    description: z.string(),
    enabled: z.boolean(),
    /** An agent's own notification (self-service): it reaches its owner alone. */
    personal: z.boolean(),
    owner: namedSchema.nullable(),
    criteria: momentCriteriaOutputSchema,
    targets: z.object({
      teams: z.array(namedSchema),
      agents: z.array(namedSchema),
      excludedAgents: z.array(namedSchema),
      notifySupervisors: z.boolean(),
    }),
    contents: z.array(z.object({ id: momentContentIdSchema, title: z.string() })),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "MomentNotification" });
export type MomentNotification = z.infer<typeof momentNotificationSchema>;

export const momentNotificationParamsSchema = z.object({ notificationId: momentNotificationIdSchema });
export const momentContentParamsSchema = z.object({ contentId: momentContentIdSchema });
export const momentParamsSchema = z.object({ momentId: momentIdSchema });

export const listMomentNotificationsQuerySchema = paginationQuerySchema.extend({
  search: z.string("search: text").trim().max(100, "search: at most 100 characters").optional(),
  enabled: z.enum(["true", "false"], "enabled: true or false").transform((value) => value === "true").optional(),
});
export type ListMomentNotificationsQuery = z.infer<typeof listMomentNotificationsQuerySchema>;

// --- Content items -------------------------------------------------------------------------------------------

export const momentLinkSchema = z.object({
  label: z.string("links.label: text").trim().min(1, "links.label: name the link").max(200, "links.label: at most 200 characters"),
  url: z
    .string("links.url: an address")
    .trim()
    .max(2_000, "links.url: at most 2000 characters")
    .refine((url) => /^https?:\/\/[^\s]+$/i.test(url), "links.url: an http:// or https:// address"),
});

export const momentContentRequestSchema = z.object({
  title: z.string("title: text").trim().min(1, "title: give the content a title").max(200, "title: at most 200 characters"),
  /** Rich text as HTML; the server keeps only formatting, lists and links (no script can be stored or run). */
  bodyHtml: z.string("bodyHtml: text").max(20_000, "bodyHtml: at most 20000 characters").default(""),
  links: z.array(momentLinkSchema, "links: a list of { label, url }").max(20, "links: at most 20 links").default([]),
});
export type MomentContentRequest = z.input<typeof momentContentRequestSchema>;
export const updateMomentContentRequestSchema = momentContentRequestSchema.partial();

export const momentContentSchema = z
  .object({
    id: momentContentIdSchema,
    title: z.string(),
    bodyHtml: z.string(),
    links: z.array(z.object({ label: z.string(), url: z.string() })),
    owner: namedSchema.nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "MomentContent" });
export type MomentContent = z.infer<typeof momentContentSchema>;

export const listMomentContentsQuerySchema = paginationQuerySchema.extend({
  search: z.string("search: text").trim().max(100, "search: at most 100 characters").optional(),
});

// --- Moments (firings) ---------------------------------------------------------------------------------------

export const MOMENT_SOURCES = ["message", "transcript", "deadline"] as const;

/** A notification that fired for an agent's conversation, with its content: what the desktop shows. */
export const momentSchema = z
  .object({
    id: momentIdSchema,
    notificationId: momentNotificationIdSchema.nullable(),
    notificationName: z.string(),
    description: z.string(),
    contents: z.array(momentContentSchema.pick({ id: true, title: true, bodyHtml: true, links: true })),
    interactionId: z.uuid().nullable(),
    agentId: userIdSchema.nullable(),
    agentName: z.string(),
    channel: channelSchema,
    source: z.enum(MOMENT_SOURCES),
    speaker: z.enum(["customer", "agent"]).nullable(),
    /** The phrase as configured (`cancel*`), and the words that matched it as said. */
    phrase: z.string(),
    matchedText: z.string(),
    firedAt: timestamp,
    dismissedAt: timestamp.nullable(),
    helpful: z.boolean().nullable(),
  })
  .meta({ id: "Moment" });
export type Moment = z.infer<typeof momentSchema>;

export const listMomentsQuerySchema = z.object({ interactionId: z.uuid("interactionId: an interaction id") });
export const markMomentRequestSchema = z.object({ helpful: z.boolean("helpful: true or false").optional(), dismissed: z.literal(true, "dismissed: true").optional() });
export type MarkMomentRequest = z.infer<typeof markMomentRequestSchema>;

/** Who may do what in Moments, for the pages: admins and supervisors manage; an agent with self-service configures their own. */
export const momentsAccessSchema = z
  .object({
    manage: z.boolean(),
    selfService: z.boolean(),
    receive: z.boolean(),
    reasons: z.array(z.string()),
  })
  .meta({ id: "MomentsAccess" });
export type MomentsAccess = z.infer<typeof momentsAccessSchema>;

// --- Try it --------------------------------------------------------------------------------------------------

export const tryMomentsRequestSchema = z.object({
  text: z.string("text: a sample text").min(1, "text: write a sample text").max(5_000, "text: at most 5000 characters"),
  speaker: z.enum(["customer", "agent"], "speaker: customer or agent").default("customer"),
  /** The criteria being edited, tried alongside your saved notifications. */
  criteria: momentCriteriaSchema.optional(),
});
export type TryMomentsRequest = z.input<typeof tryMomentsRequestSchema>;

export const triedNotificationSchema = z.object({
  notificationId: momentNotificationIdSchema.nullable(),
  name: z.string(),
  fires: z.boolean(),
  /** Why it would not fire when it would not. */
  reason: z.string().nullable(),
  matches: z.array(z.object({ phrase: z.string(), kind: z.enum(["anyOf", "allOf", "exclude", "notMentioned"]), start: z.int(), end: z.int(), matchedText: z.string() })),
});
export const tryMomentsResponseSchema = z.object({ results: z.array(triedNotificationSchema) }).meta({ id: "TriedMoments" });
export type TryMomentsResponse = z.infer<typeof tryMomentsResponseSchema>;

// --- Transcript ----------------------------------------------------------------------------------------------

export const transcriptSegmentRequestSchema = z.object({
  speaker: z.enum(["customer", "agent"], "speaker: customer or agent"),
  text: z.string("text: the words said").trim().min(1, "text: the words said").max(5_000, "text: at most 5000 characters"),
  startOffsetMs: z.int("startOffsetMs: whole milliseconds").min(0, "startOffsetMs: at least 0").optional(),
  endOffsetMs: z.int("endOffsetMs: whole milliseconds").min(0, "endOffsetMs: at least 0").optional(),
});
export type TranscriptSegmentRequest = z.infer<typeof transcriptSegmentRequestSchema>;
export const transcriptSegmentResponseSchema = z.object({ segmentId: z.uuid(), moments: z.int() }).meta({ id: "TranscriptSegmentAccepted" });

// --- Reports -------------------------------------------------------------------------------------------------

export const MOMENT_REPORT_GRANULARITIES = ["hour", "day", "week"] as const;
export const momentReportQuerySchema = z
  .object({
    from: timestamp.optional(),
    to: timestamp.optional(),
    granularity: z.enum(MOMENT_REPORT_GRANULARITIES, "granularity: hour, day or week").default("day"),
    notificationId: z.uuid("notificationId: a notification id").optional(),
    agentId: z.uuid("agentId: an agent id").optional(),
    teamId: z.uuid("teamId: a team id").optional(),
    channel: channelSchema.optional(),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { message: "to: after from", path: ["to"] });
export type MomentReportQuery = z.infer<typeof momentReportQuerySchema>;

const countRowSchema = z.object({ id: z.uuid().nullable(), name: z.string(), firings: z.int(), helpful: z.int(), dismissed: z.int() });
export const momentReportSchema = z
  .object({
    from: timestamp,
    to: timestamp,
    granularity: z.enum(MOMENT_REPORT_GRANULARITIES),
    /** What the report was limited to; for an agent, always themselves. */
    scope: z.object({ agentId: userIdSchema.nullable() }),
    total: z.int(),
    helpful: z.int(),
    series: z.array(z.object({ bucket: timestamp, firings: z.int() })),
    byNotification: z.array(countRowSchema),
    byAgent: z.array(countRowSchema),
    byTeam: z.array(countRowSchema),
  })
  .meta({ id: "MomentReport" });
export type MomentReport = z.infer<typeof momentReportSchema>;
