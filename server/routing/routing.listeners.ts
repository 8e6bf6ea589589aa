import type { EventBus } from "../lib/event-bus.ts";
import type { RoutingService } from "./routing.service.ts";

/**
 * Routing runs on every event that can change the answer (issue 4): a status change or sign-in, a pause, a
 * capacity or channel setting, a membership or queue change. Offers an agent can no longer take end first.
 */
export function registerRoutingListeners(events: EventBus, routing: RoutingService): () => void {
  return events.subscribe((event) => {
    switch (event.name) {
      case "presence.changed":
      case "agent.channels_changed": {
        const agentId = "presence" in event.payload ? event.payload.presence.agentId : (event.payload as { agentId: string }).agentId;
        routing.availabilityChanged(agentId);
        return;
      }
      case "agent.memberships_changed": {
        // Removed from a queue: the alerts of that queue end; added: its waiting work may be offered.
        const agentId = (event.payload as { agentId: string }).agentId;
        routing.availabilityChanged(agentId);
        return;
      }
      case "channel_settings.updated":
      case "account_settings.updated":
        routing.routeAll();
        return;
      case "queue.updated":
      case "queue.created":
        routing.routeQueues([(event.payload as { queue: { id: string } }).queue.id]);
        return;
      default:
        return;
    }
  });
}
