import path from "node:path";
import { z } from "zod";

// Every setting is an environment variable; README.md documents each one.
const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  PUBLIC_URL: z.url().optional(),
  SWITCHBOARD_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z.string().min(1).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_PREPARED_STATEMENTS: z.enum(["true", "false"]).default("true"),
  REDIS_URL: z.string().min(1).optional(),
  ADMIN_USERNAME: z.string().min(1).default("admin"),
  ADMIN_PASSWORD: z.string().min(1).optional(),
  SMTP_URL: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
  COOKIE_SECURE: z.enum(["auto", "true", "false"]).default("auto"),
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  PRESENCE_GRACE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  PRESENCE_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(600).default(10),
  ROUTING_TICK_MS: z.coerce.number().int().min(20).max(60_000).default(500),
  OPEN_CHANNEL_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(600),
  COACHING_CLEAR_DOWN_CHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/u, "an account SID: AC and 32 hexadecimal digits").optional(),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  TWILIO_API_BASE: z.url().default("https://api.twilio.com"),
});

export interface Config {
  port: number;
  host: string;
  publicUrl: string | undefined;
  dataDirectory: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  /** false: every statement runs unnamed (behind PgBouncer's transaction pooling before 1.21, say). */
  databasePreparedStatements: boolean;
  redisUrl: string | undefined;
  adminUsername: string;
  adminPassword: string | undefined;
  smtpUrl: string | undefined;
  logLevel: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** Sign-in attempts allowed per client address per minute. */
  loginRateLimit: number;
  /** Secure cookies: `auto` sets them when PUBLIC_URL is https. */
  cookieSecure: boolean;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (for the sign-in rate limit). */
  trustProxy: boolean;
  /** How long an agent stays available after their desktop's last heartbeat (a closed laptop, a lost network). */
  presenceGraceSeconds: number;
  /** How often each process refreshes the presence of its connected desktops. */
  presenceHeartbeatSeconds: number;
  /** How often each process sweeps routing timers (offer and queue timeouts, auto-answer) and waiting work. */
  routingTickMilliseconds: number;
  /** Open channel: inbound requests allowed per entry point per minute. */
  openChannelRateLimit: number;
  /** How often each process looks for a due overnight clear-down of coaching messages. */
  coachingClearDownCheckSeconds: number;
  /** Twilio: the account replies are sent from and the token its webhooks are signed with (issue 5). */
  twilioAccountSid: string | undefined;
  twilioAuthToken: string | undefined;
  /** Twilio's REST API base address; tests point it at a local server speaking the same API. */
  twilioApiBase: string;
}

export class ConfigError extends Error {}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(blankToUndefined(environment));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid settings:\n  ${lines.join("\n  ")}`);
  }
  const values = parsed.data;
  return {
    port: values.PORT,
    host: values.HOST,
    publicUrl: values.PUBLIC_URL,
    dataDirectory: path.resolve(values.SWITCHBOARD_DATA_DIR),
    databaseUrl: values.DATABASE_URL,
    databasePoolSize: values.DATABASE_POOL_SIZE,
    databasePreparedStatements: values.DATABASE_PREPARED_STATEMENTS === "true",
    redisUrl: values.REDIS_URL,
    adminUsername: values.ADMIN_USERNAME,
    adminPassword: values.ADMIN_PASSWORD,
    smtpUrl: values.SMTP_URL,
    logLevel: values.LOG_LEVEL,
    sessionIdleMinutes: values.SESSION_IDLE_MINUTES,
    sessionMaxHours: values.SESSION_MAX_HOURS,
    loginRateLimit: values.LOGIN_RATE_LIMIT,
    trustProxy: values.TRUST_PROXY === "true",
    presenceGraceSeconds: values.PRESENCE_GRACE_SECONDS,
    presenceHeartbeatSeconds: values.PRESENCE_HEARTBEAT_SECONDS,
    routingTickMilliseconds: values.ROUTING_TICK_MS,
    openChannelRateLimit: values.OPEN_CHANNEL_RATE_LIMIT,
    coachingClearDownCheckSeconds: values.COACHING_CLEAR_DOWN_CHECK_SECONDS,
    twilioAccountSid: values.TWILIO_ACCOUNT_SID,
    twilioAuthToken: values.TWILIO_AUTH_TOKEN,
    twilioApiBase: values.TWILIO_API_BASE,
    cookieSecure: values.COOKIE_SECURE === "auto" ? (values.PUBLIC_URL?.startsWith("https:") ?? false) : values.COOKIE_SECURE === "true",
  };
}

function blankToUndefined(environment: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, value === "" ? undefined : value]));
}
