import { createContext } from "react";
import type { EventName, EventPayload } from "../../common/events/catalogue.ts";

type Handler = (payload: unknown) => void;

/**
 * The page's one socket relays every catalogue event here, so any part of the app can listen with
 * `useRealtimeEvent` without opening a socket of its own or editing the provider.
 */
export interface RealtimeEvents {
  subscribe<Name extends EventName>(name: Name, handler: (payload: EventPayload<Name>) => void): () => void;
  emit<Name extends EventName>(name: Name, payload: EventPayload<Name>): void;
}

export function createRealtimeEvents(): RealtimeEvents {
  const handlers = new Map<EventName, Set<Handler>>();
  return {
    subscribe: (name, handler) => {
      const forName = handlers.get(name) ?? new Set<Handler>();
      handlers.set(name, forName);
      const untyped = handler as Handler;
      forName.add(untyped);
      return () => {
        forName.delete(untyped);
      };
    },
    emit: (name, payload) => {
      for (const handler of handlers.get(name) ?? []) {
        handler(payload);
      }
    },
  };
}

export const RealtimeEventsContext = createContext<RealtimeEvents | null>(null);
