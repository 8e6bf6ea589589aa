import { io, type ManagerOptions, type Socket, type SocketOptions } from "socket.io-client";
import {
  eventCatalogue,
  type ClientToServerEvents,
  type EventName,
  type EventPayload,
  type ServerToClientEvents,
} from "../../common/events/catalogue.ts";

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

// "offline" means the socket gave up: the server refused the handshake or closed the session.
export type ConnectionState = "connecting" | "live" | "reconnecting" | "offline";

export interface RealtimeClientOptions {
  // Same origin when omitted (the page's own server); tests pass their server's address.
  url?: string;
  // Called on every connect, the first and each reconnect: whatever happened while disconnected is
  // refetched rather than replayed.
  onResync: () => void;
  onSessionEnded: (payload: EventPayload<"session.ended">) => void;
  onStateChange?: (state: ConnectionState) => void;
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
}

export interface RealtimeClient {
  subscribe<Name extends EventName>(name: Name, handler: (payload: EventPayload<Name>) => void): () => void;
  close(): void;
}

type Listener = (payload: unknown) => void;

function openSocket(options: RealtimeClientOptions): RealtimeSocket {
  const socketOptions = { withCredentials: true, ...options.socketOptions };
  return options.url === undefined ? io(socketOptions) : io(options.url, socketOptions);
}

export function createRealtimeClient(options: RealtimeClientOptions): RealtimeClient {
  const socket = openSocket(options);
  // The untyped view lets one helper attach a validating listener for any event of the catalogue.
  const untypedSocket = socket as unknown as Socket;
  const reportState = (state: ConnectionState): void => options.onStateChange?.(state);

  const subscribe = <Name extends EventName>(
    name: Name,
    handler: (payload: EventPayload<Name>) => void,
  ): (() => void) => {
    const listener: Listener = (payload) => {
      // The page validates with the same schema as the server (CONVENTIONS.md, rule 2).
      const parsed = eventCatalogue[name].safeParse(payload);
      if (parsed.success) {
        handler(parsed.data as EventPayload<Name>);
      }
    };
    const eventName: string = name;
    untypedSocket.on(eventName, listener);
    return () => {
      untypedSocket.off(eventName, listener);
    };
  };

  socket.on("connect", () => {
    reportState("live");
    options.onResync();
  });
  socket.on("disconnect", () => {
    reportState(socket.active ? "reconnecting" : "offline");
  });
  socket.on("connect_error", () => {
    reportState(socket.active ? "reconnecting" : "offline");
  });
  const unsubscribeSessionEnded = subscribe("session.ended", options.onSessionEnded);
  reportState("connecting");

  return {
    subscribe,
    close: () => {
      unsubscribeSessionEnded();
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}
