import type { EventPayload } from "../../../common/events/catalogue.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import type { Gateway } from "../../realtime/gateway.ts";
import { queueRoom, teamRoom } from "../../realtime/rooms.ts";

/**
 * Keeps an agent's open sockets in the right team and queue rooms as soon as their memberships change, on
 * every server process (the gateway's join and leave go through the Redis adapter). Connecting sockets get
 * theirs from the room resolver; this covers the ones already open.
 */
export function registerMembershipListeners(events: EventBus, gateway: Pick<Gateway, "joinRooms" | "leaveRooms">): () => void {
  return events.subscribe((event) => {
    if (event.name !== "agent.memberships_changed") {
      return;
    }
    const { agentId, memberships, change } = event.payload as EventPayload<"agent.memberships_changed">;
    const current = [...memberships.teams.map((team) => teamRoom(team.id)), ...memberships.queues.map((queue) => queueRoom(queue.id))];
    if (current.length > 0) {
      gateway.joinRooms(agentId, current);
    }
    if (change.action === "removed" && (change.kind === "team" || change.kind === "queue")) {
      const roomOf = change.kind === "team" ? teamRoom : queueRoom;
      const left = change.groups.map((group) => roomOf(group.id)).filter((room) => !current.includes(room));
      if (left.length > 0) {
        gateway.leaveRooms(agentId, left);
      }
    }
  });
}
