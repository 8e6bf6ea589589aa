import { byAgentId, untriedFirst, type RoutingStrategy } from "./strategy.ts";

// The agent who finished their last interaction longest ago goes first.
export const longestIdleStrategy: RoutingStrategy = {
  name: "longest-idle",
  ringsAll: false,
  rank: (candidates) =>
    [...candidates].sort((left, right) => untriedFirst(left, right) || left.idleSince.getTime() - right.idleSince.getTime() || byAgentId(left, right)),
};
