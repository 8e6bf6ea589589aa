import { randomUUID } from "node:crypto";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Redis } from "ioredis";
import type { DestinationStream } from "pino";
import type { Config } from "../config.ts";
import { AppError } from "../lib/errors.ts";
import { loggerOptions } from "../lib/logger.ts";
import { registerAgentsRoutes } from "../modules/agents/agents.routes.ts";
import { registerAuditRoutes } from "../modules/audit/audit.routes.ts";
import { registerAuthRoutes } from "../modules/auth/auth.routes.ts";
import { registerAvatarRoutes } from "../modules/avatars/avatars.routes.ts";
import { registerMfaRoutes } from "../modules/mfa/mfa.routes.ts";
import { registerPasswordResetRoutes } from "../modules/password-reset/password-reset.routes.ts";
import { registerUserSecurityRoutes } from "../modules/user-security/user-security.routes.ts";
import { registerChannelsRoutes } from "../modules/channels/channels.routes.ts";
import { registerClientLogsRoutes } from "../modules/client-logs/client-logs.routes.ts";
import { registerLicencesRoutes } from "../modules/licences/licences.routes.ts";
import { registerPermissionsRoutes } from "../modules/permissions/permissions.routes.ts";
import { registerSettingsRoutes } from "../modules/settings/settings.routes.ts";
import { registerSystemRoutes } from "../modules/system/system.routes.ts";
import { registerUsersRoutes } from "../modules/users/users.routes.ts";
import { registerCampaignsRoutes } from "../modules/campaigns/campaigns.routes.ts";
import { registerListsRoutes } from "../modules/lists/lists.routes.ts";
import { registerMembershipsRoutes } from "../modules/memberships/memberships.routes.ts";
import { registerQueuesRoutes } from "../modules/queues/queues.routes.ts";
import { registerEntryPointsRoutes } from "../modules/entry-points/entry-points.routes.ts";
import { registerOpenChannelRoutes } from "../modules/open-channel/open-channel.routes.ts";
import { registerTelephonyRoutes } from "../modules/telephony/telephony.routes.ts";
import { registerTeamsRoutes } from "../modules/teams/teams.routes.ts";
import { registerInteractionsRoutes } from "../modules/interactions/interactions.routes.ts";
import { registerWallboardRoutes } from "../modules/wallboard/wallboard.routes.ts";
import { registerCustomStatusesRoutes } from "../modules/presence/custom-statuses.routes.ts";
import { registerPresenceRoutes } from "../modules/presence/presence.routes.ts";
import { registerCoachingLogRoutes } from "../modules/coaching/coaching-log.routes.ts";
import { registerCoachingRoutes } from "../modules/coaching/coaching.routes.ts";
import { registerMomentsReportsRoutes } from "../modules/moments/moments-reports.routes.ts";
import { registerMomentsRoutes } from "../modules/moments/moments.routes.ts";
import { registerContactsRoutes } from "../modules/contacts/contacts.routes.ts";
import { registerMessageTemplatesRoutes } from "../modules/texting/message-templates.routes.ts";
import { registerTwilioWebhookRoutes } from "../modules/texting/texting-webhooks.routes.ts";
import type { Services } from "../services.ts";
import { registerAccessControl } from "./access.ts";
import { registerErrorHandling } from "./error-handler.ts";
import { registerOpenApi } from "./openapi.ts";
import { hasWebBuild, registerWebApp } from "./web.ts";

export interface AppOptions {
  config: Config;
  services: Services;
  /** Shared rate-limit counters when several processes run; in memory otherwise. */
  redis?: Redis | undefined;
  /** Folder of the built web app; tests of the API alone pass none. */
  webDirectory?: string | undefined;
  /** Where log lines go; standard output when absent. */
  logStream?: DestinationStream | undefined;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

// App assembly: request id, logging, cookies, auth, validation, rate limit, error handler, routes.
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, services } = options;
  const app = Fastify({
    logger: { ...loggerOptions(config.logLevel), ...(options.logStream ? { stream: options.logStream } : {}) },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: (request) => {
      const incoming = request.headers["x-request-id"];
      return typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
  });
  // A JSON API: any other body type is refused with 415 rather than parsed as a string.
  app.removeContentTypeParser("text/plain");
  // Before any plugin or route: routes keep the error handler of the moment they were registered.
  const webDirectory = options.webDirectory && hasWebBuild(options.webDirectory) ? options.webDirectory : undefined;
  if (options.webDirectory && !webDirectory) {
    app.log.warn({ directory: options.webDirectory }, "web build missing: only the API is served");
  }
  registerErrorHandling(app, { servesPages: webDirectory !== undefined });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook("onSend", async (request, reply) => {
    void reply.header("x-request-id", request.id);
  });

  await app.register(fastifyHelmet, {
    // The page loads only its own scripts; styles may be inline (React style attributes); the socket is same-origin.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // Plain HTTP on a LAN is a supported set-up: HSTS only when the public address is https.
    strictTransportSecurity: config.cookieSecure,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    ...(options.redis ? { redis: options.redis, nameSpace: "switchboard:rate-limit:" } : {}),
    errorResponseBuilder: (_request, context) =>
      new AppError(429, "rate_limited", `Too many attempts: try again in ${Math.ceil(context.ttl / 1000)} seconds.`),
  });
  registerAccessControl(app, services.auth);
  await registerOpenApi(app);

  registerSystemRoutes(app, services.system);
  registerAuthRoutes(app, services.auth, { cookieSecure: config.cookieSecure, loginRateLimit: config.loginRateLimit });
  registerUsersRoutes(app, services.users);
  registerSettingsRoutes(app, services.settings);
  registerAuditRoutes(app, services.audit);
  registerTeamsRoutes(app, services.teams);
  registerQueuesRoutes(app, services.queues);
  registerEntryPointsRoutes(app, services.entryPoints);
  registerOpenChannelRoutes(app, services.openChannel, { rateLimit: config.openChannelRateLimit });
  registerTelephonyRoutes(app, services.telephony);
  registerCampaignsRoutes(app, services.campaigns);
  registerListsRoutes(app, services.lists);
  registerMembershipsRoutes(app, services.memberships);
  registerMfaRoutes(app, services.mfa);
  registerPasswordResetRoutes(app, services.passwordReset, { publicUrl: config.publicUrl, rateLimit: config.loginRateLimit });
  registerUserSecurityRoutes(app, services.userSecurity);
  await registerAvatarRoutes(app, services.avatars);
  registerAgentsRoutes(app, services.agents);
  registerChannelsRoutes(app, services.channels);
  registerPermissionsRoutes(app, services.permissions);
  registerLicencesRoutes(app, services.licences);
  registerClientLogsRoutes(app, services.clientLogs);
  registerInteractionsRoutes(app, services.routing, services.interactions);
  registerWallboardRoutes(app, services.wallboard);
  registerCustomStatusesRoutes(app, services.customStatuses);
  registerPresenceRoutes(app, services.presence, services.auth, { cookieSecure: config.cookieSecure });
  registerCoachingRoutes(app, services.coaching);
  registerCoachingLogRoutes(app, services.coachingLog, services.coachingClearDown);
  registerMomentsRoutes(app, services.momentsConfig, services.moments);
  registerMomentsReportsRoutes(app, services.momentsReports);
  registerContactsRoutes(app, services.contacts);
  registerMessageTemplatesRoutes(app, services.messageTemplates);
  await registerTwilioWebhookRoutes(app, services.smsInbound, services.smsDelivery, services.twilio);

  if (webDirectory) {
    await registerWebApp(app, webDirectory);
  }
  return app;
}
