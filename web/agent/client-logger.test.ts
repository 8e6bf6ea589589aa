// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { ClientLogLine } from "../../common/api/client-logs.ts";
import { ClientLogger, type SendOutcome } from "./client-logger.ts";

function setup(outcomes: SendOutcome[] = [], batchSize = 3) {
  const sent: { lines: ClientLogLine[]; keepalive: boolean }[] = [];
  const timers: (() => void)[] = [];
  let cleared = 0;
  const logger = new ClientLogger({
    send: (lines, { keepalive }) => {
      sent.push({ lines, keepalive });
      return Promise.resolve(outcomes.shift() ?? "sent");
    },
    now: () => new Date("2026-11-21T10:00:00.000Z"),
    setTimer: (callback) => timers.push(callback),
    clearTimer: () => {
      cleared += 1;
    },
    batchSize,
    maxBuffered: 5,
  });
  return { logger, sent, timers, cleared: () => cleared };
}

const messages = (batch: { lines: ClientLogLine[] } | undefined) => batch?.lines.map((line) => line.message);

describe("the desktop's client logger", () => {
  it("keeps and sends nothing while client logs are off", async () => {
    const { logger, sent, timers } = setup();
    logger.log("error", "boom");
    await logger.flush();
    expect(sent).toEqual([]);
    expect(timers).toEqual([]);
  });

  it("ships only lines at or above the level, on the interval", async () => {
    const { logger, sent, timers } = setup();
    logger.configure({ enabled: true, level: "warning" });
    logger.log("debug", "render");
    logger.log("info", "opened");
    logger.log("warning", "slow", { milliseconds: 900 });
    logger.log("error", "failed");
    expect(sent).toEqual([]);

    timers[0]?.();
    await Promise.resolve();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.lines).toEqual([
      { loggedAt: "2026-11-21T10:00:00.000Z", level: "warning", message: "slow", context: { milliseconds: 900 } },
      { loggedAt: "2026-11-21T10:00:00.000Z", level: "error", message: "failed" },
    ]);
  });

  it("sends a full batch at once", async () => {
    const { logger, sent } = setup();
    logger.configure({ enabled: true, level: "debug" });
    for (const message of ["a", "b", "c"]) {
      logger.log("info", message);
    }
    await Promise.resolve();
    expect(messages(sent[0])).toEqual(["a", "b", "c"]);
  });

  it("keeps lines the server could not take, within its bound, and sends them later", async () => {
    const { logger, sent } = setup(["failed"], 10);
    logger.configure({ enabled: true, level: "debug" });
    for (const message of ["1", "2", "3", "4"]) {
      logger.log("info", message);
    }
    await logger.flush();
    for (const message of ["5", "6"]) {
      logger.log("info", message);
    }
    await logger.flush();
    // Bound of 5: the oldest line went.
    expect(messages(sent[1])).toEqual(["2", "3", "4", "5", "6"]);
  });

  it("stops when the server says client logs are off", async () => {
    const { logger, sent, cleared } = setup(["disabled"]);
    logger.configure({ enabled: true, level: "debug" });
    logger.log("info", "one");
    await logger.flush();
    expect(logger.enabled).toBe(false);
    expect(cleared()).toBe(1);
    logger.log("error", "two");
    await logger.flush();
    expect(sent).toHaveLength(1);
  });

  it("sends what is waiting with keepalive when the page is hidden", () => {
    const { logger, sent } = setup([], 10);
    logger.configure({ enabled: true, level: "debug" });
    logger.log("info", "closing");
    void logger.flush({ keepalive: true });
    expect(sent).toEqual([{ lines: [expect.objectContaining({ message: "closing" })], keepalive: true }]);
  });

  it("cuts a message too long for the server rather than losing the batch", async () => {
    const { logger, sent } = setup([], 1);
    logger.configure({ enabled: true, level: "debug" });
    logger.log("info", "x".repeat(5000), { blob: "y".repeat(5000) });
    await Promise.resolve();
    expect(sent[0]?.lines[0]?.message).toHaveLength(4000);
    expect(sent[0]?.lines[0]?.context).toBeUndefined();
  });
});
