import { describe, expect, it } from "vitest";
import type { WallboardAgent } from "../../../common/api/wallboard.ts";
import type { UserId } from "../../../common/domain/ids.ts";
import { secondsFrom, secondsSince, serverOffsetOf } from "./board-clock.ts";
import { filterAgents, formatDuration, statusFilterOptions, statusLabel } from "./wallboard-format.ts";

function agent(overrides: Partial<WallboardAgent>): WallboardAgent {
  return {
    id: "00000000-0000-4000-8000-000000000001" as UserId,
    fullName: "Ada Lovelace",
    username: "ada",
    status: "ready",
    customStatusName: null,
    statusSince: "2026-11-21T10:00:00.000Z",
    connected: true,
    pausedChannels: [],
    load: [],
    openTabs: 0,
    maxOpenTabs: 0,
    pendingOffers: 0,
    ...overrides,
  };
}

describe("wallboard formatting", () => {
  it("writes durations as m:ss, then h:mm:ss, never below zero", () => {
    expect([0, 7, 59, 60, 754, 3599, 3600, 3723, -5].map(formatDuration)).toEqual(["0:00", "0:07", "0:59", "1:00", "12:34", "59:59", "1:00:00", "1:02:03", "0:00"]);
  });

  it("names a custom status by its own name", () => {
    expect(statusLabel(agent({ status: "custom", customStatusName: "Lunch" }))).toBe("Lunch");
    expect(statusLabel(agent({ status: "on-call" }))).toBe("On call");
    expect(statusLabel(agent({ status: "offline" }))).toBe("Offline");
  });

  it("filters by status, one custom status, connection and a search in name or username", () => {
    const agents = [
      agent({ fullName: "Ada Lovelace", username: "ada" }),
      agent({ fullName: "Bob Break", username: "bob", status: "custom", customStatusName: "Break" }),
      agent({ fullName: "Cy Lunch", username: "cyrus", status: "custom", customStatusName: "Lunch", connected: false }),
      agent({ fullName: "Dee Off", username: "dee", status: "offline", connected: false }),
    ];
    const names = (status: string, search = "") => filterAgents(agents, { status, search }).map((shown) => shown.username);
    expect(names("")).toEqual(["ada", "bob", "cyrus", "dee"]);
    expect(names("custom")).toEqual(["bob", "cyrus"]);
    expect(names("custom:Lunch")).toEqual(["cyrus"]);
    expect(names("disconnected")).toEqual(["cyrus", "dee"]);
    expect(names("", "  LUNCH ")).toEqual(["cyrus"]);
    expect(names("", "cyr")).toEqual(["cyrus"]);
    expect(statusFilterOptions(agents).map((option) => option.value)).toEqual(["", "ready", "on-call", "custom", "custom:Break", "custom:Lunch", "offline", "disconnected"]);
  });

  it("counts on from the server's figures by the browser's clock, whatever the browser's clock says", () => {
    // The browser's clock is 42 s behind the server's.
    const receivedAt = Date.parse("2026-11-21T10:04:18.000Z");
    const offset = serverOffsetOf("2026-11-21T10:05:00.000Z", receivedAt);
    expect(offset).toBe(42_000);
    expect(secondsSince("2026-11-21T10:00:00.000Z", offset, receivedAt + 10_000)).toBe(310);
    expect(secondsFrom(90, receivedAt, receivedAt + 3_000)).toBe(93);
    expect(secondsFrom(90, receivedAt, receivedAt - 1_000)).toBe(90);
  });
});
