import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { UserId } from "../../../common/domain/ids.ts";
import { EventBus, type DomainEvent } from "../../lib/event-bus.ts";
import { changesWallboard, registerWallboardListeners } from "./wallboard.listeners.ts";

describe("wallboard listener", () => {
  let events: EventBus;
  let hints: DomainEvent[];
  let stop: () => void;

  beforeEach(() => {
    vi.useFakeTimers();
    events = new EventBus();
    hints = [];
    events.subscribe((event) => {
      if (event.name === "wallboard.changed") {
        hints.push(event);
      }
    });
    stop = registerWallboardListeners(events, { intervalMilliseconds: 500 });
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  const agentDeleted = () => events.publish("agent.deleted", { agentId: "00000000-0000-4000-8000-000000000001" as UserId }, { rooms: [] });

  it("reacts to offers, interactions, queues, presence and channel changes, not to unrelated events", () => {
    for (const name of ["offer.created", "offer.withdrawn", "interaction.assigned", "interaction.closed", "queue.updated", "queue.deleted", "presence.changed", "agent.channels_changed"] as const) {
      expect(changesWallboard(name), name).toBe(true);
    }
    for (const name of ["session.ended", "user.avatar_changed", "team.created", "wallboard.changed"] as const) {
      expect(changesWallboard(name), name).toBe(false);
    }
  });

  it("sends the first hint at once to the admin and supervisor rooms, then one per interval for a burst", () => {
    agentDeleted();
    vi.advanceTimersByTime(0);
    expect(hints).toHaveLength(1);
    expect(hints[0]).toMatchObject({ payload: {}, audience: { rooms: ["role:admin", "role:supervisor"] } });

    for (let step = 0; step < 10; step += 1) {
      agentDeleted();
      vi.advanceTimersByTime(40);
    }
    // 400 ms of events after the first hint: the next waits for the interval to pass, and covers them all.
    expect(hints).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(hints).toHaveLength(2);
    vi.advanceTimersByTime(5_000);
    expect(hints).toHaveLength(2);
  });

  it("sends nothing after it is stopped", () => {
    agentDeleted();
    stop();
    vi.advanceTimersByTime(1_000);
    expect(hints).toHaveLength(0);
  });
});
