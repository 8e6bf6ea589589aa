import type { FastifyBaseLogger } from "fastify";
import type { EventPayload } from "../../../common/events/catalogue.ts";
import { receivesCoachingLive } from "../../../common/domain/coaching.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import type { CoachingService } from "./coaching.service.ts";

/**
 * product.md, Coaching messages: "an agent offline or on a break gets every missed message at next login". A
 * presence change that leaves the agent online in a working status (a sign-in, a return from a break, a
 * connection back) delivers their waiting copies. The bus is in-process: the process that made the change
 * delivers, once; the delivery's conditional update makes a race with a send harmless.
 */
export function registerCoachingListeners(events: EventBus, coaching: Pick<CoachingService, "deliverWaiting">, logger: FastifyBaseLogger): () => void {
  return events.subscribe((event) => {
    if (event.name !== "presence.changed") {
      return;
    }
    const { presence } = event.payload as EventPayload<"presence.changed">;
    const live = receivesCoachingLive({ status: presence.status, connected: presence.connected, customStatusPausesRouting: presence.customStatus?.pausesRouting ?? null });
    if (!live) {
      return;
    }
    coaching.deliverWaiting({ agentIds: [presence.agentId] }).catch((error: unknown) => {
      logger.error({ err: error, agentId: presence.agentId }, "delivering waiting coaching messages failed; they are delivered at the next presence change");
    });
  });
}
