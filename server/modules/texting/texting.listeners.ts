import type { JobWorker } from "../../jobs/job-worker.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import type { RoutingService } from "../../routing/routing.service.ts";
import { SEND_SMS_JOB, type SmsDeliveryService } from "./sms-delivery.service.ts";

export interface SmsDeliveryDependencies {
  routing: Pick<RoutingService, "registerOutbound">;
  jobs: Pick<JobWorker, "register" | "wake">;
  events: EventBus;
  delivery: SmsDeliveryService;
}

/**
 * Wires texting's outbound side like the open channel's: the routing engine hands each SMS reply to
 * `enqueueDelivery` inside the reply's transaction; the job worker sends it (retrying 429 and 5xx with backoff,
 * then marking it failed); once the reply is committed (its message_added event), the worker is woken.
 */
export function registerSmsDelivery({ routing, jobs, events, delivery }: SmsDeliveryDependencies): () => void {
  routing.registerOutbound("sms", (transaction, reply) => delivery.enqueueDelivery(transaction, reply.message));
  jobs.register(SEND_SMS_JOB, (payload) => delivery.send(payload), { onGiveUp: (payload) => delivery.giveUp(payload) });
  return events.subscribe((event) => {
    if (event.name === "interaction.message_added") {
      const { message } = event.payload as { message: { direction: string; delivery: string } };
      if (message.direction === "outbound" && message.delivery === "pending") {
        jobs.wake();
      }
    }
  });
}
