import { describe, expect, it } from "vitest";
import { QUEUE_STRATEGIES } from "../../../common/api/queues.ts";
import { leastOccupiedStrategy } from "./least-occupied.strategy.ts";
import { longestIdleStrategy } from "./longest-idle.strategy.ts";
import { strategyFor } from "./registry.ts";
import { ringAllStrategy } from "./ring-all.strategy.ts";
import { roundRobinStrategy } from "./round-robin.strategy.ts";
import type { RankedCandidate, RoutingStrategy } from "./strategy.ts";

// Pure table tests (CONVENTIONS.md rule 7): fixed dates, no database, the clock passed in.
const context = { now: new Date("2026-11-21T12:00:00Z") };
const at = (time: string) => new Date(`2026-11-21T${time}Z`);

function candidate(agentId: string, overrides: Partial<Omit<RankedCandidate, "agentId">> = {}): RankedCandidate {
  return { agentId, idleSince: at("11:00:00"), lastOfferedAt: null, occupied: 0, occupiedOnChannel: 0, triedInAttempt: false, ...overrides };
}

const order = (strategy: RoutingStrategy, candidates: RankedCandidate[]) => strategy.rank(candidates, context).map((ranked) => ranked.agentId);

describe("the strategy registry", () => {
  it.each([
    ["ring-all", ringAllStrategy, true],
    ["longest-idle", longestIdleStrategy, false],
    ["round-robin", roundRobinStrategy, false],
    ["least-occupied", leastOccupiedStrategy, false],
  ] as const)("answers %s, ringing all: %s", (name, strategy, ringsAll) => {
    expect(strategyFor(name)).toBe(strategy);
    expect(strategy.name).toBe(name);
    expect(strategy.ringsAll).toBe(ringsAll);
  });

  it("has a strategy for every queue strategy a queue can have", () => {
    for (const name of QUEUE_STRATEGIES) {
      expect(strategyFor(name).name).toBe(name);
    }
  });

  it.each(QUEUE_STRATEGIES)("%s ranks without changing its input and answers every candidate once", (name) => {
    const candidates = [candidate("c", { occupied: 2 }), candidate("a", { triedInAttempt: true }), candidate("b", { lastOfferedAt: at("10:00:00") })];
    const before = candidates.map((entry) => entry.agentId);
    const ranked = strategyFor(name).rank(candidates, context);
    expect(candidates.map((entry) => entry.agentId)).toEqual(before);
    expect(ranked.map((entry) => entry.agentId).sort()).toEqual(["a", "b", "c"]);
    expect(strategyFor(name).rank([], context)).toEqual([]);
  });
});

describe("ring-all alerts every candidate", () => {
  it.each<[string, RankedCandidate[], string[]]>([
    ["one candidate", [candidate("a")], ["a"]],
    ["every candidate, in agent id order", [candidate("c"), candidate("a"), candidate("b")], ["a", "b", "c"]],
    [
      "whatever their idle time, turn, load or earlier offers",
      [candidate("b", { idleSince: at("09:00:00"), occupied: 0 }), candidate("a", { idleSince: at("11:59:00"), occupied: 5, triedInAttempt: true, lastOfferedAt: at("11:59:00") })],
      ["a", "b"],
    ],
  ])("%s", (_name, candidates, expected) => {
    expect(order(ringAllStrategy, candidates)).toEqual(expected);
  });
});

describe("longest-idle offers to the agent idle longest", () => {
  it.each<[string, RankedCandidate[], string[]]>([
    [
      "the earliest idle time first",
      [candidate("a", { idleSince: at("11:30:00") }), candidate("b", { idleSince: at("09:00:00") }), candidate("c", { idleSince: at("10:15:00") })],
      ["b", "c", "a"],
    ],
    ["ties by agent id", [candidate("b", { idleSince: at("10:00:00") }), candidate("a", { idleSince: at("10:00:00") })], ["a", "b"]],
    [
      "agents not yet tried in this attempt before the ones tried, even if idle for less",
      [candidate("a", { idleSince: at("08:00:00"), triedInAttempt: true }), candidate("b", { idleSince: at("11:00:00") }), candidate("c", { idleSince: at("10:00:00") })],
      ["c", "b", "a"],
    ],
    [
      "once everyone was tried, idle time orders them again (the cycle starts over)",
      [candidate("a", { idleSince: at("11:00:00"), triedInAttempt: true }), candidate("b", { idleSince: at("09:00:00"), triedInAttempt: true })],
      ["b", "a"],
    ],
    [
      "turns and loads do not matter",
      [candidate("a", { idleSince: at("10:00:00"), lastOfferedAt: null, occupied: 0 }), candidate("b", { idleSince: at("09:00:00"), lastOfferedAt: at("11:59:00"), occupied: 3, occupiedOnChannel: 3 })],
      ["b", "a"],
    ],
  ])("%s", (_name, candidates, expected) => {
    expect(order(longestIdleStrategy, candidates)).toEqual(expected);
  });
});

describe("round-robin gives the turn to the agent whose last offer is oldest", () => {
  it.each<[string, RankedCandidate[], string[]]>([
    [
      "the oldest last offer first",
      [candidate("a", { lastOfferedAt: at("11:50:00") }), candidate("b", { lastOfferedAt: at("11:10:00") }), candidate("c", { lastOfferedAt: at("11:30:00") })],
      ["b", "c", "a"],
    ],
    ["an agent never offered anything goes before everyone offered", [candidate("a", { lastOfferedAt: at("00:00:01") }), candidate("b", { lastOfferedAt: null })], ["b", "a"]],
    ["several never offered: by agent id", [candidate("c"), candidate("a", { lastOfferedAt: at("09:00:00") }), candidate("b")], ["b", "c", "a"]],
    ["the same last offer time: by agent id", [candidate("b", { lastOfferedAt: at("10:00:00") }), candidate("a", { lastOfferedAt: at("10:00:00") })], ["a", "b"]],
    [
      "agents not yet tried in this attempt first",
      [candidate("a", { lastOfferedAt: null, triedInAttempt: true }), candidate("b", { lastOfferedAt: at("11:59:00") })],
      ["b", "a"],
    ],
    [
      "idle time and load do not matter",
      [candidate("a", { lastOfferedAt: at("11:00:00"), idleSince: at("01:00:00"), occupied: 0 }), candidate("b", { lastOfferedAt: at("10:00:00"), idleSince: at("11:59:00"), occupied: 4 })],
      ["b", "a"],
    ],
  ])("%s", (_name, candidates, expected) => {
    expect(order(roundRobinStrategy, candidates)).toEqual(expected);
  });
});

describe("least-occupied offers to the agent holding the fewest interactions", () => {
  it.each<[string, RankedCandidate[], string[]]>([
    [
      "the fewest on the queue's channel first",
      [candidate("a", { occupiedOnChannel: 2, occupied: 2 }), candidate("b", { occupiedOnChannel: 0, occupied: 0 }), candidate("c", { occupiedOnChannel: 1, occupied: 1 })],
      ["b", "c", "a"],
    ],
    [
      "the channel before the total: fewer on the channel wins over fewer in all",
      [candidate("a", { occupiedOnChannel: 1, occupied: 1 }), candidate("b", { occupiedOnChannel: 0, occupied: 4 })],
      ["b", "a"],
    ],
    [
      "equal on the channel: the fewest on every channel",
      [candidate("a", { occupiedOnChannel: 1, occupied: 3 }), candidate("b", { occupiedOnChannel: 1, occupied: 2 })],
      ["b", "a"],
    ],
    [
      "equal loads: the agent idle longest",
      [candidate("a", { occupiedOnChannel: 1, occupied: 2, idleSince: at("11:00:00") }), candidate("b", { occupiedOnChannel: 1, occupied: 2, idleSince: at("10:00:00") })],
      ["b", "a"],
    ],
    ["all equal: by agent id", [candidate("c"), candidate("b"), candidate("a")], ["a", "b", "c"]],
    [
      "agents not yet tried in this attempt first, even if busier",
      [candidate("a", { occupiedOnChannel: 0, triedInAttempt: true }), candidate("b", { occupiedOnChannel: 3, occupied: 3 })],
      ["b", "a"],
    ],
    [
      "the last offer's time does not matter",
      [candidate("a", { occupiedOnChannel: 1, lastOfferedAt: null }), candidate("b", { occupiedOnChannel: 0, lastOfferedAt: at("11:59:59") })],
      ["b", "a"],
    ],
  ])("%s", (_name, candidates, expected) => {
    expect(order(leastOccupiedStrategy, candidates)).toEqual(expected);
  });
});

describe("one-at-a-time strategies cycle through the queue", () => {
  it.each([longestIdleStrategy, roundRobinStrategy, leastOccupiedStrategy])("$name puts the agent just tried last and the untried first", (strategy) => {
    // The same agent is best on every criterion; once tried in the attempt, the others go first.
    const best = candidate("a", { idleSince: at("01:00:00"), lastOfferedAt: null, occupied: 0, occupiedOnChannel: 0 });
    const others = [
      candidate("b", { idleSince: at("10:00:00"), lastOfferedAt: at("10:00:00"), occupied: 1, occupiedOnChannel: 1 }),
      candidate("c", { idleSince: at("11:00:00"), lastOfferedAt: at("11:00:00"), occupied: 2, occupiedOnChannel: 2 }),
    ];
    expect(order(strategy, [best, ...others])[0]).toBe("a");
    expect(order(strategy, [{ ...best, triedInAttempt: true }, ...others])).toEqual(["b", "c", "a"]);
  });
});
