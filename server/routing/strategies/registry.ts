import type { QueueStrategy } from "../../../common/api/queues.ts";
import { leastOccupiedStrategy } from "./least-occupied.strategy.ts";
import { longestIdleStrategy } from "./longest-idle.strategy.ts";
import { ringAllStrategy } from "./ring-all.strategy.ts";
import { roundRobinStrategy } from "./round-robin.strategy.ts";
import type { RoutingStrategy } from "./strategy.ts";

const STRATEGIES: Readonly<Record<QueueStrategy, RoutingStrategy>> = {
  "ring-all": ringAllStrategy,
  "longest-idle": longestIdleStrategy,
  "round-robin": roundRobinStrategy,
  "least-occupied": leastOccupiedStrategy,
};

export function strategyFor(name: QueueStrategy): RoutingStrategy {
  return STRATEGIES[name];
}
