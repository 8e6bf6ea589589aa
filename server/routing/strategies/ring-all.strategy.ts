import { byAgentId, type RoutingStrategy } from "./strategy.ts";

// product.md, Routing: alert every eligible member; the first to accept wins.
export const ringAllStrategy: RoutingStrategy = {
  name: "ring-all",
  ringsAll: true,
  rank: (candidates) => [...candidates].sort(byAgentId),
};
