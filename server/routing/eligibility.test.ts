import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { refusalOf, type AccountLimits, type CandidateRefusal, type CandidateState } from "./eligibility.ts";

// Pure table tests (CONVENTIONS.md rule 7): who may be alerted, in product.md's order. Presence first (a live
// desktop, then a status that takes new work: product.md, Presence), then Channels and capacity: not paused on
// the channel, channel enabled, held < max open tabs, held on the channel < capacity (0 = unlimited).

const ready: CandidateState = {
  status: "ready",
  customStatusPausesRouting: null,
  connected: true,
  channelEnabled: true,
  channelPaused: false,
  channelCapacity: null,
  held: 0,
  heldOnChannel: 0,
};

const unlimited: AccountLimits = { channel: "chat", accountChannelEnabled: true, globalDefaultCapacity: 0, maxOpenTabs: 0 };

describe("presence decides first", () => {
  it.each<[string, Partial<CandidateState>, CandidateRefusal | null]>([
    ["ready with a live desktop: may be alerted", {}, null],
    ["a custom status that does not pause routing", { status: "custom", customStatusPausesRouting: false }, null],
    ["a custom status that pauses routing", { status: "custom", customStatusPausesRouting: true }, "status"],
    ["a custom status whose definition is gone (no pausing flag)", { status: "custom", customStatusPausesRouting: null }, "status"],
    ["on a call", { status: "on-call" }, "status"],
    ["signed out (status offline) with a live desktop", { status: "offline" }, "status"],
    ["the desktop's lease lapsed", { connected: false }, "offline"],
    ["the lease lapsed while in a non-pausing custom status", { connected: false, status: "custom", customStatusPausesRouting: false }, "offline"],
    ["no live desktop comes before a status that takes no work", { connected: false, status: "on-call" }, "offline"],
    ["no live desktop comes before every channel check", { connected: false, channelPaused: true, channelEnabled: false, held: 9, heldOnChannel: 9 }, "offline"],
    ["a status that takes no work comes before every channel check", { status: "custom", customStatusPausesRouting: true, channelPaused: true, channelEnabled: false }, "status"],
  ])("%s", (_name, overrides, expected) => {
    expect(refusalOf({ ...ready, ...overrides }, unlimited)).toBe(expected);
  });
});

describe("channels and capacity, in product.md's order", () => {
  it.each<[string, Partial<CandidateState>, Partial<AccountLimits>, CandidateRefusal | null]>([
    ["paused on the channel", { channelPaused: true }, {}, "paused"],
    ["the channel turned off for the agent", { channelEnabled: false }, {}, "channel_disabled"],
    ["the channel turned off for the account", {}, { accountChannelEnabled: false }, "channel_disabled"],
    ["at the max open tab limit", { held: 3, heldOnChannel: 1 }, { maxOpenTabs: 3 }, "tab_limit_reached"],
    ["over the max open tab limit (a limit lowered since)", { held: 5, heldOnChannel: 0 }, { maxOpenTabs: 3 }, "tab_limit_reached"],
    ["one below the max open tab limit", { held: 2, heldOnChannel: 2 }, { maxOpenTabs: 3 }, null],
    ["a max open tab limit of 0 is unlimited", { held: 500, heldOnChannel: 0 }, { maxOpenTabs: 0 }, null],
    ["at the agent's own capacity", { channelCapacity: 2, held: 2, heldOnChannel: 2 }, {}, "capacity_reached"],
    ["one below the agent's own capacity", { channelCapacity: 2, held: 1, heldOnChannel: 1 }, {}, null],
    ["at the channel's global default capacity (no capacity of the agent's own)", { held: 2, heldOnChannel: 2 }, { globalDefaultCapacity: 2 }, "capacity_reached"],
    ["a global default capacity of 0 is unlimited", { held: 80, heldOnChannel: 80 }, { globalDefaultCapacity: 0 }, null],
    ["the agent's own capacity wins over a lower global default", { channelCapacity: 4, held: 3, heldOnChannel: 3 }, { globalDefaultCapacity: 2 }, null],
    ["the agent's own capacity wins over an unlimited global default", { channelCapacity: 1, held: 1, heldOnChannel: 1 }, { globalDefaultCapacity: 0 }, "capacity_reached"],
    ["capacity counts only the channel: full elsewhere, free here", { channelCapacity: 1, held: 6, heldOnChannel: 0 }, {}, null],
    ["the tab limit counts every channel: free here, full across channels", { channelCapacity: 5, held: 2, heldOnChannel: 0 }, { maxOpenTabs: 2 }, "tab_limit_reached"],
  ])("%s", (_name, overrides, limits, expected) => {
    expect(refusalOf({ ...ready, ...overrides }, { ...unlimited, ...limits })).toBe(expected);
  });
});

describe("the first failing check wins when several fail", () => {
  const everythingFails: CandidateState = { ...ready, channelPaused: true, channelEnabled: false, channelCapacity: 1, held: 4, heldOnChannel: 4 };
  const everyLimit: AccountLimits = { ...unlimited, accountChannelEnabled: false, maxOpenTabs: 2 };

  it.each<[string, Partial<CandidateState>, Partial<AccountLimits>, CandidateRefusal]>([
    ["every check fails: offline", { connected: false }, {}, "offline"],
    ["connected, every other check fails: status", { status: "on-call" }, {}, "status"],
    ["ready, every channel check fails: paused", {}, {}, "paused"],
    ["not paused: channel disabled before the tab limit and capacity", { channelPaused: false }, {}, "channel_disabled"],
    ["not paused, off for the account only: channel disabled", { channelPaused: false, channelEnabled: true }, {}, "channel_disabled"],
    ["enabled everywhere: the tab limit before capacity", { channelPaused: false, channelEnabled: true }, { accountChannelEnabled: true }, "tab_limit_reached"],
    ["no tab limit: capacity", { channelPaused: false, channelEnabled: true }, { accountChannelEnabled: true, maxOpenTabs: 0 }, "capacity_reached"],
  ])("%s", (_name, overrides, limits, expected) => {
    expect(refusalOf({ ...everythingFails, ...overrides }, { ...everyLimit, ...limits })).toBe(expected);
  });
});

describe("eligibility as a whole", () => {
  it("admits exactly the connected agents in a working status, not paused, enabled and below both limits", () => {
    const arbitraryCandidate = fc.record({
      status: fc.constantFrom("offline", "ready", "on-call", "custom"),
      customStatusPausesRouting: fc.option(fc.boolean(), { nil: null }),
      connected: fc.boolean(),
      channelEnabled: fc.boolean(),
      channelPaused: fc.boolean(),
      channelCapacity: fc.option(fc.integer({ min: 1, max: 50 }), { nil: null }),
      held: fc.integer({ min: 0, max: 60 }),
      heldOnChannel: fc.integer({ min: 0, max: 60 }),
    });
    const arbitraryLimits = fc.record({
      channel: fc.constant("chat" as const),
      accountChannelEnabled: fc.boolean(),
      globalDefaultCapacity: fc.integer({ min: 0, max: 50 }),
      maxOpenTabs: fc.integer({ min: 0, max: 60 }),
    });
    fc.assert(
      fc.property(arbitraryCandidate, arbitraryLimits, (candidate, limits) => {
        const capacity = candidate.channelCapacity ?? limits.globalDefaultCapacity;
        const takesWork = candidate.status === "ready" || (candidate.status === "custom" && candidate.customStatusPausesRouting === false);
        const admitted =
          candidate.connected &&
          takesWork &&
          !candidate.channelPaused &&
          candidate.channelEnabled &&
          limits.accountChannelEnabled &&
          (limits.maxOpenTabs === 0 || candidate.held < limits.maxOpenTabs) &&
          (capacity === 0 || candidate.heldOnChannel < capacity);
        expect(refusalOf(candidate, limits) === null).toBe(admitted);
      }),
    );
  });
});
