import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type { Channel } from "../../common/domain/channels.ts";
import type { Role } from "../../common/domain/roles.ts";

// Table types, camelCase: Kysely's CamelCasePlugin maps them to the snake_case columns of the migrations.
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: read as parsed JSON, written as a JSON string (the same on PGlite and pg). */
type Json<Shape> = ColumnType<Shape, string | undefined, string>;

export interface UsersTable {
  id: Generated<string>;
  username: string;
  fullName: string;
  email: string | null;
  role: Role;
  passwordHash: string;
  disabled: Generated<boolean>;
  lockedAt: Timestamp | null;
  failedLoginCount: Generated<number>;
  lastLoginAt: Timestamp | null;
  passwordChangedAt: Timestamp | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
  // The agent record (product.md, seed 002).
  alias: string | null;
  description: string | null;
  extension: string | null;
  typology: "webrtc" | "phonebar" | "external" | "mobile" | null;
  typologySettings: Json<Record<string, unknown>>;
  voiceSettings: Json<Record<string, unknown>>;
  loginInPause: Generated<boolean>;
  maskSensitiveData: Generated<boolean>;
  toastPosition: Generated<string>;
  permissions: Json<Record<string, unknown>>;
  clientLogsEnabled: Generated<boolean>;
  clientLogLevel: Generated<"error" | "warning" | "info" | "debug">;
  licenceMoments: Generated<boolean>;
  licenceAdministration: Generated<boolean>;
  /** Kept by the database (migration 20261121170100): what the agents search looks in, lower-cased. */
  searchText: ColumnType<string, never, never>;
  mfaSecret: string | null;
  mfaEnabledAt: Timestamp | null;
  mfaLastCounter: number | null;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's secret. */
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: CreatedAt;
  lastSeenAt: Timestamp;
  expiresAt: Timestamp;
  ipAddress: string | null;
  userAgent: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  userId: string;
  name: string;
  tokenHash: string;
  prefix: string;
  createdAt: CreatedAt;
  lastUsedAt: Timestamp | null;
  expiresAt: Timestamp | null;
  revokedAt: Timestamp | null;
}

export interface SettingsTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updatedAt: UpdatedAt;
}

interface NamedGroupTable {
  id: Generated<string>;
  name: string;
  description: string | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export type TeamsTable = NamedGroupTable;
export type CampaignsTable = NamedGroupTable;
export type ListsTable = NamedGroupTable;

export interface TeamMembersTable {
  teamId: string;
  userId: string;
  role: Generated<"member" | "supervisor">;
  createdAt: CreatedAt;
}

export interface QueuesTable extends NamedGroupTable {
  channel: Channel;
  strategy: Generated<"ring-all" | "longest-idle" | "round-robin" | "least-occupied">;
  timeoutSeconds: Generated<number>;
  offerTimeoutSeconds: Generated<number>;
}

export interface QueueMembersTable {
  queueId: string;
  userId: string;
  createdAt: CreatedAt;
}

export interface CampaignMembersTable {
  campaignId: string;
  userId: string;
  createdAt: CreatedAt;
}

export interface ListMembersTable {
  listId: string;
  userId: string;
  createdAt: CreatedAt;
}

export interface AgentChannelsTable {
  userId: string;
  channel: Channel;
  enabled: Generated<boolean>;
  capacity: number | null;
  autoAnswerDelaySeconds: number | null;
  paused: Generated<boolean>;
  updatedAt: UpdatedAt;
}

export interface UserAvatarsTable {
  userId: string;
  contentType: "image/png" | "image/jpeg";
  data: Buffer | Uint8Array;
  updatedAt: UpdatedAt;
}

export interface ClientLogsTable {
  id: Generated<string>;
  userId: string;
  loggedAt: Timestamp;
  level: "error" | "warning" | "info" | "debug";
  message: string;
  context: Json<Record<string, unknown> | null> | null;
  receivedAt: CreatedAt;
}

export interface PasswordResetTokensTable {
  tokenHash: string;
  userId: string;
  createdAt: CreatedAt;
  expiresAt: Timestamp;
  usedAt: Timestamp | null;
}

export interface MfaEnrolmentsTable {
  userId: string;
  secret: string;
  createdAt: CreatedAt;
  expiresAt: Timestamp;
}

export interface MfaChallengesTable {
  /** SHA-256 of the challenge id given to the client. */
  id: string;
  userId: string;
  createdAt: CreatedAt;
  expiresAt: Timestamp;
  usedAt: Timestamp | null;
  failedAttempts: Generated<number>;
}

export interface AuditLogTable {
  id: Generated<string>;
  occurredAt: CreatedAt;
  actorId: string | null;
  actorUsername: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: string;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  requestId: string | null;
}

export interface JobsTable {
  id: Generated<string>;
  kind: string;
  payload: Json<Record<string, unknown>>;
  dueAt: ColumnType<Date, Date | string | undefined, Date | string>;
  attempts: Generated<number>;
  maxAttempts: Generated<number>;
  lockedUntil: Timestamp | null;
  lastError: string | null;
  createdAt: CreatedAt;
  finishedAt: Timestamp | null;
  failedAt: Timestamp | null;
}

export type InteractionState = "queued" | "offered" | "active" | "closed" | "abandoned" | "timed_out";

export interface EntryPointsTable {
  id: Generated<string>;
  name: string;
  channel: Channel;
  address: string;
  inboundKeyHash: string | null;
  webhookUrl: string | null;
  webhookSecret: string | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface EntryPointQueuesTable {
  entryPointId: string;
  queueId: string;
  position: number;
}

export interface CustomStatusesTable {
  id: Generated<string>;
  name: string;
  pausesRouting: Generated<boolean>;
  position: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface AgentPresenceTable {
  userId: string;
  status: Generated<"offline" | "ready" | "on-call" | "custom">;
  customStatusId: string | null;
  statusBeforeCall: string | null;
  customStatusBeforeCall: string | null;
  statusSince: Generated<Date>;
  connectedUntil: Timestamp | null;
  signedInAt: Timestamp | null;
  idleSince: Generated<Date>;
  lastOfferedAt: Timestamp | null;
  updatedAt: UpdatedAt;
}

export interface InteractionsTable {
  id: Generated<string>;
  channel: Channel;
  entryPointId: string | null;
  externalId: string | null;
  customerAddress: string;
  customerName: string | null;
  state: Generated<InteractionState>;
  ownerId: string | null;
  queueId: string | null;
  chainPosition: Generated<number>;
  queuedAt: Generated<Date>;
  queueDeadlineAt: Timestamp | null;
  openedAt: Generated<Date>;
  acceptedAt: Timestamp | null;
  closedAt: Timestamp | null;
  closedBy: string | null;
  lastMessageAt: Timestamp | null;
  snippet: string | null;
  updatedAt: UpdatedAt;
  /** Texting (migration 20261122090000): the contact the conversation is with and its status, copied for alerts. */
  contactId: string | null;
  contactStatus: ContactStatus | null;
  /** The customer opted out of messages on the channel (SMS STOP): replies are refused. */
  customerOptedOut: Generated<boolean>;
}

export type ContactStatus = "lead" | "customer";
export type MessageDelivery = "none" | "pending" | "queued" | "sent" | "delivered" | "undelivered" | "failed";
export interface MessageMedia {
  url: string;
  contentType: string | null;
}

export interface InteractionMessagesTable {
  id: Generated<string>;
  interactionId: string;
  direction: "inbound" | "outbound";
  authorId: string | null;
  body: string;
  delivery: Generated<MessageDelivery>;
  createdAt: Generated<Date>;
  /** The provider's message id (Twilio's MessageSid): unique, so a retried webhook is stored once. */
  externalId: string | null;
  media: ColumnType<MessageMedia[], string | undefined, string>;
  deliveryErrorCode: number | null;
  deliveryError: string | null;
}

/** The leads and customers of the account (migration 20261122090000). */
export interface ContactsTable {
  id: Generated<string>;
  name: string;
  /** E.164, unique when set. */
  phone: string | null;
  email: string | null;
  status: ContactStatus;
  notes: string | null;
  createdBy: string | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

/** A phone number's current opt-out state, across all of our numbers. */
export interface SmsOptOutsTable {
  phone: string;
  optedOut: boolean;
  keyword: string;
  changedAt: Generated<Date>;
}

/** Each keyword message once, by MessageSid. */
export interface SmsKeywordEventsTable {
  messageSid: string;
  phone: string;
  keyword: string;
  action: "opt_out" | "opt_in" | "help";
  receivedAt: Generated<Date>;
}

export interface MessageTemplatesTable {
  id: Generated<string>;
  name: string;
  body: string;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface OffersTable {
  id: Generated<string>;
  interactionId: string;
  agentId: string;
  queueId: string | null;
  channel: Channel;
  state: Generated<"pending" | "accepted" | "rejected" | "expired" | "withdrawn">;
  createdAt: Generated<Date>;
  expiresAt: Timestamp | null;
  autoAnswerAt: Timestamp | null;
  decidedAt: Timestamp | null;
  attemptId: string;
}

export interface QueueAttemptsTable {
  id: Generated<string>;
  interactionId: string;
  queueId: string | null;
  channel: Channel;
  enteredAt: Generated<Date>;
  leftAt: Timestamp | null;
  reason: "accepted" | "timeout" | "abandoned" | null;
  agentId: string | null;
}

export interface TelephonyEventsTable {
  callId: string;
  type: "call.offered" | "call.answered" | "call.ended";
  agentId: string | null;
  interactionId: string | null;
  receivedAt: Generated<Date>;
}

export type CoachingTargetKind = "agent" | "team" | "queue" | "campaign" | "list";

/** The permanent log of coaching messages (migration 20261121210000): names copied at send time. */
export interface CoachingMessagesTable {
  id: Generated<string>;
  senderId: string | null;
  senderName: string;
  senderUsername: string;
  body: string;
  targetKind: CoachingTargetKind;
  targetId: string | null;
  targetName: string;
  filters: Json<Record<string, unknown>>;
  recipientCount: number;
  createdAt: ColumnType<Date, Date | string | undefined, never>;
}

/** Each agent's copy of a coaching message: delivered, read, and cleared from the agent's view overnight. */
export interface CoachingRecipientsTable {
  id: ColumnType<number, never, never>;
  messageId: string;
  agentId: string | null;
  agentName: string;
  agentUsername: string;
  createdAt: ColumnType<Date, Date | string, never>;
  deliveredAt: Timestamp | null;
  readAt: Timestamp | null;
  clearedAt: Timestamp | null;
}

/** The overnight clear-down's schedule: one row, claimed with SKIP LOCKED once `nextRunAt` has passed. */
export interface CoachingClearDownTable {
  id: Generated<boolean>;
  timeZone: Generated<string>;
  /** `HH:MM:SS`, the account's local time of the clear-down. */
  localTime: Generated<string>;
  nextRunAt: Timestamp;
  lastRunAt: Timestamp | null;
  lastCutoff: Timestamp | null;
  updatedAt: UpdatedAt;
}

// --- Moments (migration 20261122093000) -----------------------------------------------------------------------

export type MomentSpeaker = "customer" | "agent";

/** A content item: guidance, links, scripts; the rich text is stored sanitised. */
export interface MomentContentsTable {
  id: Generated<string>;
  ownerId: string | null;
  title: string;
  bodyHtml: string;
  links: Json<{ label: string; url: string }[]>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

/** A moment notification; `criteria` is the shape of `momentCriteriaSchema` (common/api/moments.ts). */
export interface MomentNotificationsTable {
  id: Generated<string>;
  ownerId: string | null;
  personal: Generated<boolean>;
  name: string;
  description: Generated<string>;
  enabled: Generated<boolean>;
  criteria: Json<unknown>;
  notifySupervisors: Generated<boolean>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface MomentNotificationTeamsTable {
  notificationId: string;
  teamId: string;
}

export interface MomentNotificationAgentsTable {
  notificationId: string;
  agentId: string;
  excluded: Generated<boolean>;
}

export interface MomentNotificationContentsTable {
  notificationId: string;
  contentId: string;
  position: number;
}

/** One row: bumped with every notification change; each process rebuilds its matcher when it differs. */
export interface MomentMatcherVersionTable {
  id: Generated<boolean>;
  version: ColumnType<string, never, string>;
}

export interface MomentTranscriptSegmentsTable {
  id: Generated<string>;
  interactionId: string;
  speaker: MomentSpeaker;
  body: string;
  startOffsetMs: number | null;
  endOffsetMs: number | null;
  createdAt: CreatedAt;
}

export interface MomentFiringsTable {
  id: Generated<string>;
  notificationId: string | null;
  notificationName: string;
  agentId: string | null;
  agentName: string;
  interactionId: string | null;
  channel: Channel;
  queueId: string | null;
  source: "message" | "transcript" | "deadline";
  sourceId: string | null;
  speaker: MomentSpeaker | null;
  phrase: string;
  matchedText: Generated<string>;
  matchStart: number | null;
  matchEnd: number | null;
  firedAt: CreatedAt;
  dismissedAt: Timestamp | null;
  helpful: boolean | null;
}

/** Per conversation and notification: all-of phrases seen, an exclusion said, the last firing. */
export interface MomentConversationStatesTable {
  interactionId: string;
  notificationId: string;
  seenAllOf: ColumnType<number[], number[] | undefined, number[]>;
  excluded: Generated<boolean>;
  lastFiredAt: Timestamp | null;
  firedCount: Generated<number>;
}

/** "Not mentioned within N seconds": due per conversation and notification, swept with SKIP LOCKED. */
export interface MomentDeadlinesTable {
  interactionId: string;
  notificationId: string;
  agentId: string;
  dueAt: Timestamp;
}

export interface Database {
  jobs: JobsTable;
  users: UsersTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  settings: SettingsTable;
  teams: TeamsTable;
  teamMembers: TeamMembersTable;
  queues: QueuesTable;
  queueMembers: QueueMembersTable;
  campaigns: CampaignsTable;
  campaignMembers: CampaignMembersTable;
  lists: ListsTable;
  listMembers: ListMembersTable;
  agentChannels: AgentChannelsTable;
  userAvatars: UserAvatarsTable;
  clientLogs: ClientLogsTable;
  passwordResetTokens: PasswordResetTokensTable;
  mfaEnrolments: MfaEnrolmentsTable;
  mfaChallenges: MfaChallengesTable;
  auditLog: AuditLogTable;
  entryPoints: EntryPointsTable;
  entryPointQueues: EntryPointQueuesTable;
  customStatuses: CustomStatusesTable;
  agentPresence: AgentPresenceTable;
  interactions: InteractionsTable;
  interactionMessages: InteractionMessagesTable;
  offers: OffersTable;
  queueAttempts: QueueAttemptsTable;
  telephonyEvents: TelephonyEventsTable;
  coachingMessages: CoachingMessagesTable;
  coachingRecipients: CoachingRecipientsTable;
  coachingClearDown: CoachingClearDownTable;
  contacts: ContactsTable;
  smsOptOuts: SmsOptOutsTable;
  smsKeywordEvents: SmsKeywordEventsTable;
  messageTemplates: MessageTemplatesTable;
  momentContents: MomentContentsTable;
  momentNotifications: MomentNotificationsTable;
  momentNotificationTeams: MomentNotificationTeamsTable;
  momentNotificationAgents: MomentNotificationAgentsTable;
  momentNotificationContents: MomentNotificationContentsTable;
  momentMatcherVersion: MomentMatcherVersionTable;
  momentTranscriptSegments: MomentTranscriptSegmentsTable;
  momentFirings: MomentFiringsTable;
  momentConversationStates: MomentConversationStatesTable;
  momentDeadlines: MomentDeadlinesTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
