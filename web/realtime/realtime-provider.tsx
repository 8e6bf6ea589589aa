import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useEffectEvent, useState, type ReactNode } from "react";
import type { SessionResponse } from "../../common/api/auth.ts";
import { EVENT_NAMES, type EventName } from "../../common/events/catalogue.ts";
import { queryKeys } from "../api/query-keys.ts";
import { endSession } from "../session/end-session.ts";
import { ConnectionStateContext } from "./connection-state-context.ts";
import { createRealtimeClient, type ConnectionState, type RealtimeClient } from "./realtime-client.ts";
import { createRealtimeEvents, RealtimeEventsContext, type RealtimeEvents } from "./realtime-events.ts";

// One Socket.IO connection per signed-in page. Events keep the cache fresh; a (re)connect refetches
// everything, because events sent while the page was away are not replayed.
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [connectionState, setConnectionState] = useState<ConnectionState>("connecting");
  const [events] = useState(createRealtimeEvents);

  const handleStateChange = useEffectEvent((state: ConnectionState) => {
    setConnectionState(state);
    // Refused or dropped for good: most likely the session is gone, which the session check will show.
    if (state === "offline") {
      void queryClient.invalidateQueries({ queryKey: queryKeys.session });
    }
  });

  useEffect(() => {
    const client = createRealtimeClient({
      onResync: () => {
        void queryClient.invalidateQueries();
      },
      onSessionEnded: () => {
        endSession(queryClient);
      },
      onStateChange: (state) => {
        handleStateChange(state);
      },
    });
    const unsubscribeSettings = client.subscribe("settings.updated", ({ security }) => {
      queryClient.setQueryData(queryKeys.securitySettings, security);
    });
    const unsubscribeUser = client.subscribe("user.updated", ({ user }) => {
      if (queryClient.getQueryData<SessionResponse | null>(queryKeys.session)?.user.id === user.id) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.session });
      }
    });
    // Every event also goes to the page's listeners (useRealtimeEvent).
    const unsubscribeRelays = EVENT_NAMES.map((name) => relay(client, events, name));
    return () => {
      for (const unsubscribe of unsubscribeRelays) {
        unsubscribe();
      }
      unsubscribeSettings();
      unsubscribeUser();
      client.close();
    };
  }, [queryClient, events]);

  return (
    <ConnectionStateContext value={connectionState}>
      <RealtimeEventsContext value={events}>{children}</RealtimeEventsContext>
    </ConnectionStateContext>
  );
}

function relay<Name extends EventName>(client: RealtimeClient, events: RealtimeEvents, name: Name): () => void {
  return client.subscribe(name, (payload) => {
    events.emit(name, payload);
  });
}
