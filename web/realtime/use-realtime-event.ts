import { use, useEffect, useEffectEvent } from "react";
import type { EventName, EventPayload } from "../../common/events/catalogue.ts";
import { RealtimeEventsContext } from "./realtime-events.ts";

/** Calls the handler with each payload of that event while the component is mounted. */
export function useRealtimeEvent<Name extends EventName>(name: Name, handler: (payload: EventPayload<Name>) => void): void {
  const events = use(RealtimeEventsContext);
  const onEvent = useEffectEvent(handler);
  useEffect(() => {
    if (!events) {
      return undefined;
    }
    return events.subscribe(name, (payload) => {
      onEvent(payload);
    });
  }, [events, name]);
}
