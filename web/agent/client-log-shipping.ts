import type { ClientLogLevel, ClientLogLine } from "../../common/api/client-logs.ts";
import { getCsrfToken } from "../api/csrf-token.ts";
import { ClientLogger, type SendOutcome } from "./client-logger.ts";

async function sendClientLogs(lines: ClientLogLine[], options: { keepalive: boolean }): Promise<SendOutcome> {
  const headers = new Headers({ "content-type": "application/json", accept: "application/json" });
  const csrfToken = getCsrfToken();
  if (csrfToken !== null) {
    headers.set("x-csrf-token", csrfToken);
  }
  try {
    const response = await fetch("/api/v1/client-logs", {
      method: "POST",
      headers,
      credentials: "same-origin",
      body: JSON.stringify({ lines }),
      keepalive: options.keepalive,
    });
    if (response.status === 401 || response.status === 403) {
      return "disabled";
    }
    // A refused batch (400) is dropped rather than sent again forever; a server error is retried.
    return response.status >= 500 ? "failed" : "sent";
  } catch {
    return "failed";
  }
}

/** The desktop's one logger: desktop code logs through it; it ships only while an admin has logs on. */
export const desktopLogger = new ClientLogger({ send: sendClientLogs });

const CONSOLE_LEVELS: readonly [keyof Pick<Console, "error" | "warn" | "info" | "log" | "debug">, ClientLogLevel][] = [
  ["error", "error"],
  ["warn", "warning"],
  ["info", "info"],
  ["log", "info"],
  ["debug", "debug"],
];

function describe(value: unknown): string {
  if (value instanceof Error) {
    return `${value.name}: ${value.message}`;
  }
  if (typeof value === "string") {
    return value;
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function stackOf(values: readonly unknown[]): Record<string, unknown> | undefined {
  const error = values.find((value): value is Error => value instanceof Error);
  return error?.stack ? { stack: error.stack } : undefined;
}

/** Copies the page's console output and uncaught errors into the logger; returns the undo. */
export function captureBrowserLogs(logger: ClientLogger): () => void {
  // The console is wrapped, not written to: what the page already logs is what an admin asked to see.
  const browserConsole: Console = globalThis.console;
  const restores: (() => void)[] = [];
  for (const [method, level] of CONSOLE_LEVELS) {
    const descriptor = Object.getOwnPropertyDescriptor(browserConsole, method);
    const original = browserConsole[method].bind(browserConsole);
    browserConsole[method] = (...values: unknown[]) => {
      original(...values);
      logger.log(level, values.map(describe).join(" "), stackOf(values));
    };
    restores.push(() => {
      if (descriptor) {
        Object.defineProperty(browserConsole, method, descriptor);
      } else {
        Reflect.deleteProperty(browserConsole, method);
      }
    });
  }
  const onError = (event: ErrorEvent) => {
    logger.log("error", `Uncaught ${describe(event.error ?? event.message)}`, { source: event.filename, line: event.lineno, ...stackOf([event.error]) });
  };
  const onRejection = (event: PromiseRejectionEvent) => {
    logger.log("error", `Unhandled rejection: ${describe(event.reason)}`, stackOf([event.reason]));
  };
  // Hidden or closing: what is waiting leaves with keepalive, which outlives the page.
  const onHide = () => {
    if (document.visibilityState === "hidden") {
      void logger.flush({ keepalive: true });
    }
  };
  const onPageHide = () => void logger.flush({ keepalive: true });
  window.addEventListener("error", onError);
  window.addEventListener("unhandledrejection", onRejection);
  document.addEventListener("visibilitychange", onHide);
  window.addEventListener("pagehide", onPageHide);
  return () => {
    for (const restore of restores) {
      restore();
    }
    window.removeEventListener("error", onError);
    window.removeEventListener("unhandledrejection", onRejection);
    document.removeEventListener("visibilitychange", onHide);
    window.removeEventListener("pagehide", onPageHide);
  };
}
