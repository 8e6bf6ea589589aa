import type { Config } from "./config.ts";
import type { Db } from "./db/database.ts";
import { systemClock, type Clock } from "./lib/clock.ts";
import { EventBus } from "./lib/event-bus.ts";
import { AgentsService } from "./modules/agents/agents.service.ts";
import { AuditService } from "./modules/audit/audit.service.ts";
import { AuthService } from "./modules/auth/auth.service.ts";
import { AgentScopeService } from "./modules/agent-scope/agent-scope.service.ts";
import { ChannelsService } from "./modules/channels/channels.service.ts";
import { ClientLogsService } from "./modules/client-logs/client-logs.service.ts";
import { LicencesService } from "./modules/licences/licences.service.ts";
import { PermissionsService } from "./modules/permissions/permissions.service.ts";
import { SettingsService } from "./modules/settings/settings.service.ts";
import { SystemService } from "./modules/system/system.service.ts";
import { UsersService } from "./modules/users/users.service.ts";
import type { Campaign, List } from "../common/api/groups.ts";
import { campaignKind } from "./modules/campaigns/campaigns.definition.ts";
import { listKind } from "./modules/lists/lists.definition.ts";
import { MemberGroupService } from "./modules/memberships/member-group.service.ts";
import { MembershipsService } from "./modules/memberships/memberships.service.ts";
import { QueuesService } from "./modules/queues/queues.service.ts";
import { EntryPointsService } from "./modules/entry-points/entry-points.service.ts";
import { registerOpenChannelDelivery } from "./modules/open-channel/open-channel.listeners.ts";
import { OpenChannelService } from "./modules/open-channel/open-channel.service.ts";
import { TelephonyService } from "./modules/telephony/telephony.service.ts";
import { TeamsService } from "./modules/teams/teams.service.ts";
import { createLogger } from "./lib/logger.ts";
import { JobWorker } from "./jobs/job-worker.ts";
import { createMailer } from "./lib/mailer.ts";
import { AvatarsService } from "./modules/avatars/avatars.service.ts";
import { ContactMasking } from "./modules/masking/contact-masking.service.ts";
import { MfaService } from "./modules/mfa/mfa.service.ts";
import { PasswordResetService } from "./modules/password-reset/password-reset.service.ts";
import { UserSecurityService } from "./modules/user-security/user-security.service.ts";
import { RoutingService } from "./routing/routing.service.ts";
import { InteractionsService } from "./modules/interactions/interactions.service.ts";
import { WallboardService } from "./modules/wallboard/wallboard.service.ts";
import { CustomStatusesService } from "./modules/presence/custom-statuses.service.ts";
import { PresenceService } from "./modules/presence/presence.service.ts";
import { CoachingClearDownService } from "./modules/coaching/coaching-clear-down.service.ts";
import { CoachingLogService } from "./modules/coaching/coaching-log.service.ts";
import { CoachingService } from "./modules/coaching/coaching.service.ts";
import { MomentsConfigService } from "./modules/moments/moments-config.service.ts";
import { MomentsEngine } from "./modules/moments/moments-engine.service.ts";
import { MomentsMatcherRegistry } from "./modules/moments/moments-matcher.ts";
import { MomentsReportsService } from "./modules/moments/moments-reports.service.ts";
import { MomentsWork } from "./modules/moments/moments.listeners.ts";
import { MomentsService } from "./modules/moments/moments.service.ts";
import { ContactsService } from "./modules/contacts/contacts.service.ts";
import { MessageTemplatesService } from "./modules/texting/message-templates.service.ts";
import { SmsDeliveryService } from "./modules/texting/sms-delivery.service.ts";
import { SmsInboundService } from "./modules/texting/sms-inbound.service.ts";
import { registerSmsDelivery } from "./modules/texting/texting.listeners.ts";
import type { TwilioSettings } from "./modules/texting/twilio-settings.ts";

export interface Services {
  events: EventBus;
  /** Delivers durable jobs (e-mail…); server.ts starts and stops it. */
  jobs: JobWorker;
  audit: AuditService;
  system: SystemService;
  users: UsersService;
  settings: SettingsService;
  auth: AuthService;
  channels: ChannelsService;
  permissions: PermissionsService;
  licences: LicencesService;
  clientLogs: ClientLogsService;
  agents: AgentsService;
  mfa: MfaService;
  passwordReset: PasswordResetService;
  userSecurity: UserSecurityService;
  avatars: AvatarsService;
  contactMasking: ContactMasking;
  memberships: MembershipsService;
  teams: TeamsService;
  queues: QueuesService;
  campaigns: MemberGroupService<Campaign>;
  lists: MemberGroupService<List>;
  entryPoints: EntryPointsService;
  openChannel: OpenChannelService;
  telephony: TelephonyService;
  /** The routing engine; server.ts starts its timer worker. */
  routing: RoutingService;
  interactions: InteractionsService;
  wallboard: WallboardService;
  presence: PresenceService;
  customStatuses: CustomStatusesService;
  coaching: CoachingService;
  coachingLog: CoachingLogService;
  /** The overnight clear-down; server.ts starts its worker. */
  coachingClearDown: CoachingClearDownService;
  /** Moments (issue 7): the process's compiled matcher, the engine, configuration, received moments, reports. */
  momentsMatcher: MomentsMatcherRegistry;
  momentsEngine: MomentsEngine;
  momentsWork: MomentsWork;
  momentsConfig: MomentsConfigService;
  moments: MomentsService;
  momentsReports: MomentsReportsService;
  /** Texting (issue 5): Twilio's inbound webhook, and replies sent as jobs with their status callbacks. */
  smsInbound: SmsInboundService;
  smsDelivery: SmsDeliveryService;
  twilio: TwilioSettings;
  contacts: ContactsService;
  messageTemplates: MessageTemplatesService;
}

export interface ServicesOptions {
  db: Db;
  config: Pick<Config, "sessionIdleMinutes" | "sessionMaxHours"> &
    Partial<Pick<Config, "smtpUrl" | "logLevel" | "presenceGraceSeconds" | "presenceHeartbeatSeconds" | "publicUrl" | "twilioAccountSid" | "twilioAuthToken" | "twilioApiBase">>;
  clock?: Clock;
}

export function createServices({ db, config, clock = systemClock }: ServicesOptions): Services {
  const events = new EventBus();
  const audit = new AuditService(db);
  const users = new UsersService(db, events, audit);
  const settings = new SettingsService(db, events, audit);
  const mfa = new MfaService(db, users, settings, audit, events, clock);
  const auth = new AuthService(db, users, settings, events, clock, {
    idleMinutes: config.sessionIdleMinutes,
    maxHours: config.sessionMaxHours,
  }, mfa);
  const logger = createLogger(config.logLevel ?? "info");
  const mailer = createMailer(config.smtpUrl, logger);
  const jobs = new JobWorker(db, logger);
  const passwordReset = new PasswordResetService({ db, settings, auth, audit, events, mailer, jobs, clock, logger });
  const agentScope = new AgentScopeService(db, audit);
  const userSecurity = new UserSecurityService(db, users, settings, mfa, audit, events, agentScope);
  const avatars = new AvatarsService(db, userSecurity, audit, events);
  const contactMasking = new ContactMasking(db, settings);
  const agents = new AgentsService(db, events, audit, settings, auth);
  const channels = new ChannelsService(db, events, audit, settings, agentScope);
  const permissions = new PermissionsService(db, events, agentScope);
  const licences = new LicencesService(db, events, agentScope);
  const clientLogs = new ClientLogsService(db, events, agentScope);
  const memberships = new MembershipsService(db, events, agentScope);
  const teams = new TeamsService(db, events, audit, memberships);
  const queues = new QueuesService(db, events, audit, memberships, settings);
  const campaigns = new MemberGroupService(campaignKind, db, events, audit, memberships);
  const lists = new MemberGroupService(listKind, db, events, audit, memberships);
  const entryPoints = new EntryPointsService(db, events, audit, settings);
  const routing = new RoutingService(db, events, settings, logger);
  const interactions = new InteractionsService(db, settings);
  const wallboard = new WallboardService(db, settings);
  const presence = new PresenceService({
    db,
    events,
    settings,
    scope: agentScope,
    releaser: () => routing,
    graceSeconds: config.presenceGraceSeconds ?? 30,
    heartbeatSeconds: config.presenceHeartbeatSeconds ?? 10,
  });
  const customStatuses = new CustomStatusesService(db, events, audit, presence);
  const openChannel = new OpenChannelService(db, routing, logger);
  registerOpenChannelDelivery({ routing, jobs, events, openChannel });
  const telephony = new TelephonyService(db, routing, presence);
  const coaching = new CoachingService({ db, events, audit, clock });
  const coachingLog = new CoachingLogService(db);
  const coachingClearDown = new CoachingClearDownService(db, events, audit, clock);
  const twilio: TwilioSettings = {
    accountSid: config.twilioAccountSid,
    authToken: config.twilioAuthToken,
    apiBase: config.twilioApiBase ?? "https://api.twilio.com",
    publicUrl: config.publicUrl,
  };
  const smsInbound = new SmsInboundService(db, routing, logger);
  const smsDelivery = new SmsDeliveryService(db, routing, twilio, logger);
  registerSmsDelivery({ routing, jobs, events, delivery: smsDelivery });
  const contacts = new ContactsService(db, contactMasking, routing, audit);
  const momentsMatcher = new MomentsMatcherRegistry(db);
  const momentsEngine = new MomentsEngine(db, events, momentsMatcher);
  return { events, jobs, audit, system: new SystemService(db), users, settings, auth, channels, permissions, licences, clientLogs, agents, mfa, passwordReset, userSecurity, avatars, contactMasking, memberships, teams, queues, campaigns, lists, entryPoints, openChannel, telephony, routing, interactions, wallboard, presence, customStatuses, coaching, coachingLog, coachingClearDown, smsInbound, smsDelivery, twilio, contacts, messageTemplates: new MessageTemplatesService(db, audit), momentsMatcher, momentsEngine, momentsWork: new MomentsWork(), momentsConfig: new MomentsConfigService(db, events, audit), moments: new MomentsService(db, events, momentsEngine), momentsReports: new MomentsReportsService(db) };
}
