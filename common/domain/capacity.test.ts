import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_AGENT_CHANNEL,
  effectiveCapacity,
  firstIneligibility,
  INELIGIBILITY_REASONS,
  normalizeAccountChannels,
  type EligibilityInput,
} from "./capacity.ts";

const idle: EligibilityInput = {
  setting: DEFAULT_AGENT_CHANNEL,
  accountChannelEnabled: true,
  globalDefaultCapacity: 0,
  maxOpenTabs: 0,
  openInteractions: 0,
  openOnChannel: 0,
};

describe("effective capacity", () => {
  it.each([
    [null, 0, { value: 0, source: "global" }],
    [null, 4, { value: 4, source: "global" }],
    [2, 4, { value: 2, source: "agent" }],
    [50, 0, { value: 50, source: "agent" }],
  ] as const)("agent %j with a global default of %j → %j", (agent, globalDefault, expected) => {
    expect(effectiveCapacity(agent, globalDefault)).toEqual(expected);
  });
});

describe("eligibility in product.md's order", () => {
  it.each<[string, Partial<EligibilityInput>, ReturnType<typeof firstIneligibility>]>([
    ["an idle agent with unlimited defaults", {}, null],
    ["paused on the channel", { setting: { ...DEFAULT_AGENT_CHANNEL, paused: true } }, "paused"],
    ["the channel turned off for the agent", { setting: { ...DEFAULT_AGENT_CHANNEL, enabled: false } }, "channel_disabled"],
    ["the channel off for the account", { accountChannelEnabled: false }, "channel_disabled"],
    ["at the tab limit", { maxOpenTabs: 3, openInteractions: 3 }, "tab_limit_reached"],
    ["below the tab limit", { maxOpenTabs: 3, openInteractions: 2, openOnChannel: 2 }, null],
    ["a tab limit of 0 is unlimited", { maxOpenTabs: 0, openInteractions: 500 }, null],
    ["at the global capacity", { globalDefaultCapacity: 2, openInteractions: 2, openOnChannel: 2 }, "capacity_reached"],
    ["the agent's capacity above the global one", { setting: { ...DEFAULT_AGENT_CHANNEL, capacity: 4 }, globalDefaultCapacity: 2, openInteractions: 3, openOnChannel: 3 }, null],
    ["the agent's capacity below an unlimited global one", { setting: { ...DEFAULT_AGENT_CHANNEL, capacity: 1 }, openInteractions: 1, openOnChannel: 1 }, "capacity_reached"],
    ["paused comes before disabled", { setting: { ...DEFAULT_AGENT_CHANNEL, paused: true, enabled: false } }, "paused"],
    ["disabled comes before the tab limit", { setting: { ...DEFAULT_AGENT_CHANNEL, enabled: false }, maxOpenTabs: 1, openInteractions: 1 }, "channel_disabled"],
    ["the tab limit comes before capacity", { maxOpenTabs: 1, openInteractions: 1, globalDefaultCapacity: 1, openOnChannel: 1 }, "tab_limit_reached"],
  ])("%s", (_name, overrides, expected) => {
    expect(firstIneligibility({ ...idle, ...overrides })).toBe(expected);
  });

  it("never lets an agent past a limit it has reached", () => {
    const arbitraryInput = fc.record({
      setting: fc.record({
        enabled: fc.boolean(),
        capacity: fc.option(fc.integer({ min: 1, max: 50 }), { nil: null }),
        autoAnswerDelaySeconds: fc.option(fc.integer({ min: 0, max: 600 }), { nil: null }),
        paused: fc.boolean(),
      }),
      accountChannelEnabled: fc.boolean(),
      globalDefaultCapacity: fc.integer({ min: 0, max: 50 }),
      maxOpenTabs: fc.integer({ min: 0, max: 100 }),
      openInteractions: fc.integer({ min: 0, max: 120 }),
      openOnChannel: fc.integer({ min: 0, max: 120 }),
    });
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const reason = firstIneligibility(input);
        expect(reason === null || INELIGIBILITY_REASONS.includes(reason)).toBe(true);
        if (reason === null) {
          const capacity = input.setting.capacity ?? input.globalDefaultCapacity;
          expect(input.setting.paused || !input.setting.enabled || !input.accountChannelEnabled).toBe(false);
          expect(input.maxOpenTabs === 0 || input.openInteractions < input.maxOpenTabs).toBe(true);
          expect(capacity === 0 || input.openOnChannel < capacity).toBe(true);
        }
      }),
    );
  });
});

describe("the account's channels", () => {
  it("always has voice, SMS and chat, once each, in the catalogue's order", () => {
    expect(normalizeAccountChannels([])).toEqual(["voice", "chat", "sms"]);
    expect(normalizeAccountChannels(["fax", "email", "email", "voice"])).toEqual(["voice", "chat", "sms", "email", "fax"]);
  });
});
