import type { FastifyInstance } from "fastify";
import { Redis } from "ioredis";
import type { DestinationStream } from "pino";
import type { Config } from "./config.ts";
import { openDatabase, type DatabaseHandle } from "./db/database.ts";
import { migrateToLatest } from "./db/migrator.ts";
import { buildApp } from "./http/app.ts";
import type { Clock } from "./lib/clock.ts";
import { registerAuthListeners } from "./modules/auth/auth.listeners.ts";
import { registerMembershipListeners } from "./modules/memberships/memberships.listeners.ts";
import { registerRoutingListeners } from "./routing/routing.listeners.ts";
import { RoutingWorker } from "./routing/routing-worker.ts";
import { registerWallboardListeners } from "./modules/wallboard/wallboard.listeners.ts";
import { PresenceConnections } from "./modules/presence/presence-connections.ts";
import { CoachingClearDownWorker } from "./modules/coaching/coaching-clear-down.service.ts";
import { registerCoachingListeners } from "./modules/coaching/coaching.listeners.ts";
import { MomentsDeadlineWorker, registerMomentsListeners } from "./modules/moments/moments.listeners.ts";
import type { InitialAdmin } from "./modules/users/users.service.ts";
import { Gateway } from "./realtime/gateway.ts";
import { createServices, type Services } from "./services.ts";

export interface RunningServer {
  app: FastifyInstance;
  gateway: Gateway;
  services: Services;
  database: DatabaseHandle;
  /** Set on the first start, when the admin was just created. */
  initialAdmin: InitialAdmin | undefined;
  url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  /** An already open database (tests); otherwise the configured one is opened and migrated. */
  database?: DatabaseHandle;
  webDirectory?: string | undefined;
  clock?: Clock;
  logStream?: DestinationStream;
}

const SESSION_SWEEP_INTERVAL_MS = 10 * 60_000;

/** One process: HTTP API, web pages and the real-time gateway on one port. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const database =
    options.database ??
    (await openDatabase({ databaseUrl: config.databaseUrl, dataDirectory: config.dataDirectory, poolSize: config.databasePoolSize, preparedStatements: config.databasePreparedStatements }));
  await migrateToLatest(database.db);
  const services = createServices({ db: database.db, config, ...(options.clock ? { clock: options.clock } : {}) });
  const initialAdmin = await services.users.ensureInitialAdmin(config.adminUsername, config.adminPassword);

  const redis = config.redisUrl ? new Redis(config.redisUrl) : undefined;
  const app = await buildApp({ config, services, redis, webDirectory: options.webDirectory, logStream: options.logStream });
  const stopAuthListeners = registerAuthListeners(services.events, services.auth, app.log);
  const presenceConnections = new PresenceConnections({ db: database.db, presence: services.presence, logger: app.log, heartbeatSeconds: config.presenceHeartbeatSeconds });
  const gateway = new Gateway({
    httpServer: app.server,
    authService: services.auth,
    events: services.events,
    logger: app.log,
    redisUrl: config.redisUrl,
    publicUrl: config.publicUrl,
    roomResolvers: [async (principal) => services.memberships.roomsOf(principal.user.id)],
    connectionListeners: [presenceConnections.listener],
  });
  const stopMembershipListeners = registerMembershipListeners(services.events, gateway);
  const stopWallboardListeners = registerWallboardListeners(services.events);
  const stopRoutingListeners = registerRoutingListeners(services.events, services.routing);
  const routingWorker = new RoutingWorker(services.routing, app.log, config.routingTickMilliseconds);
  const stopCoachingListeners = registerCoachingListeners(services.events, services.coaching, app.log);
  const coachingClearDownWorker = new CoachingClearDownWorker(services.coachingClearDown, app.log, config.coachingClearDownCheckSeconds);
  const stopMomentsListeners = registerMomentsListeners(services.events, services.momentsEngine, services.momentsMatcher, services.momentsWork, app.log);
  const momentsDeadlineWorker = new MomentsDeadlineWorker(services.momentsEngine, app.log);
  const address = await app.listen({ port: config.port, host: config.host });
  services.jobs.start();
  presenceConnections.start();
  routingWorker.start();
  coachingClearDownWorker.start();
  momentsDeadlineWorker.start();
  const sweep = setInterval(() => {
    services.auth.deleteExpiredSessions().catch((error: unknown) => app.log.warn({ err: error }, "session sweep failed"));
    services.mfa.deleteDeadChallenges().catch((error: unknown) => app.log.warn({ err: error }, "MFA challenge sweep failed"));
  }, SESSION_SWEEP_INTERVAL_MS);
  sweep.unref();

  return {
    app,
    gateway,
    services,
    database,
    initialAdmin,
    url: address.replace("0.0.0.0", "localhost").replace("[::]", "localhost"),
    close: async () => {
      clearInterval(sweep);
      await routingWorker.stop();
      await coachingClearDownWorker.stop();
      await momentsDeadlineWorker.stop();
      stopMomentsListeners();
      await services.momentsWork.idle();
      stopCoachingListeners();
      stopRoutingListeners();
      await services.jobs.stop();
      stopAuthListeners();
      stopMembershipListeners();
      stopWallboardListeners();
      await presenceConnections.stop();
      await gateway.close();
      await app.close();
      await redis?.quit().catch(() => undefined);
      if (!options.database) {
        await database.close();
      }
    },
  };
}
