import type { Tx } from "../../db/database.ts";
import type { JobWorker } from "../../jobs/job-worker.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import { DELIVER_JOB, type OpenChannelService } from "./open-channel.service.ts";

/** The routing engine's outbound hook (RoutingService.registerOutbound). */
export interface OutboundRegistry {
  registerOutbound(channel: "openchannel", deliver: (transaction: Tx, reply: { message: { id: string } }) => Promise<"pending">): void;
}

export interface OpenChannelDeliveryDependencies {
  routing: OutboundRegistry;
  jobs: Pick<JobWorker, "register" | "wake">;
  events: EventBus;
  openChannel: OpenChannelService;
}

/**
 * Wires the open channel's outbound side: the routing engine hands each agent reply to `enqueueDelivery` inside
 * the reply's transaction; the job worker posts it (retrying with backoff, then marking it failed); and once the
 * reply is committed (its message_added event), the worker is woken so delivery does not wait for the next poll.
 */
export function registerOpenChannelDelivery({ routing, jobs, events, openChannel }: OpenChannelDeliveryDependencies): () => void {
  routing.registerOutbound("openchannel", (transaction, reply) => openChannel.enqueueDelivery(transaction, reply.message));
  jobs.register(DELIVER_JOB, (payload) => openChannel.deliver(payload), { onGiveUp: (payload) => openChannel.giveUp(payload) });
  return events.subscribe((event) => {
    if (event.name === "interaction.message_added") {
      const { message } = event.payload as { message: { direction: string; delivery: string } };
      if (message.direction === "outbound" && message.delivery === "pending") {
        jobs.wake();
      }
    }
  });
}
