import { pino, type Logger, type LoggerOptions } from "pino";

// Never a password, token or cookie in a log line: these paths are censored wherever they appear.
export const REDACTED_PATHS = [
  "password",
  "*.password",
  "newPassword",
  "*.newPassword",
  "secret",
  "*.secret",
  "token",
  "*.token",
  "csrfToken",
  "*.csrfToken",
  "req.headers.cookie",
  "req.headers.authorization",
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  "headers.cookie",
  "headers.authorization",
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    base: { service: "switchboard" },
  };
}

export function createLogger(level: string): Logger {
  return pino(loggerOptions(level));
}
