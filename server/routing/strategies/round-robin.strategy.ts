import { byAgentId, untriedFirst, type RoutingStrategy } from "./strategy.ts";

// Turns: the agent whose last offer is oldest (never offered first) goes next.
export const roundRobinStrategy: RoutingStrategy = {
  name: "round-robin",
  ringsAll: false,
  rank: (candidates) =>
    [...candidates].sort(
      (left, right) => untriedFirst(left, right) || (left.lastOfferedAt?.getTime() ?? 0) - (right.lastOfferedAt?.getTime() ?? 0) || byAgentId(left, right),
    ),
};
