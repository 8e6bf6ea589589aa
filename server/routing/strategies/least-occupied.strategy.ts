import { byAgentId, untriedFirst, type RoutingStrategy } from "./strategy.ts";

// The agent holding the fewest interactions goes first: on the queue's channel, then on every channel, then
// the one idle longest.
export const leastOccupiedStrategy: RoutingStrategy = {
  name: "least-occupied",
  ringsAll: false,
  rank: (candidates) =>
    [...candidates].sort(
      (left, right) =>
        untriedFirst(left, right) ||
        left.occupiedOnChannel - right.occupiedOnChannel ||
        left.occupied - right.occupied ||
        left.idleSince.getTime() - right.idleSince.getTime() ||
        byAgentId(left, right),
    ),
};
