import { EventEmitter } from "node:events";
import type { EventName, EventPayload } from "../../common/events/catalogue.ts";

/** Who a domain event is for: rooms of the real-time gateway (`user:<id>`, `role:admin`, `team:<id>`, ...). */
export interface EventAudience {
  rooms: string[];
  /** Close the rooms' connections once the event is delivered (a session that ended). */
  disconnect?: boolean;
}

export interface DomainEvent<Name extends EventName = EventName> {
  name: Name;
  payload: EventPayload<Name>;
  audience: EventAudience;
}

type Listener = (event: DomainEvent) => void;

/**
 * In-process typed event bus. Services publish after their transaction commits (CONVENTIONS.md rule 4);
 * the gateway and other modules subscribe. Cross-process fan-out is the Socket.IO Redis adapter's job.
 */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(100);
  }

  publish<Name extends EventName>(name: Name, payload: EventPayload<Name>, audience: EventAudience): void {
    const event: DomainEvent<Name> = { name, payload, audience };
    this.emitter.emit("event", event);
  }

  subscribe(listener: Listener): () => void {
    this.emitter.on("event", listener);
    return () => this.emitter.off("event", listener);
  }
}
