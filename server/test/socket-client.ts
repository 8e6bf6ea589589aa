import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, EventName, EventPayload, ServerToClientEvents } from "../../common/events/catalogue.ts";

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface SocketCredentials {
  cookie?: string | undefined;
  token?: string;
  origin?: string;
}

/** A real Socket.IO client over WebSocket, authenticated like the page (cookie) or an integration (token). */
export async function connectSocket(url: string, credentials: SocketCredentials): Promise<TestSocket> {
  const headers: Record<string, string> = {};
  if (credentials.cookie) {
    headers.cookie = credentials.cookie;
  }
  if (credentials.origin) {
    headers.origin = credentials.origin;
  }
  const socket: TestSocket = io(url, {
    transports: ["websocket"],
    extraHeaders: headers,
    auth: credentials.token ? { token: credentials.token } : {},
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (error) => reject(error));
  });
  return socket;
}

/** Resolves with the next payload of that event, or rejects after the timeout. */
export function nextEvent<Name extends EventName>(socket: TestSocket, name: Name, timeoutMs = 5_000): Promise<EventPayload<Name>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} within ${timeoutMs} ms`)), timeoutMs);
    const listener = (payload: EventPayload<Name>) => {
      clearTimeout(timer);
      resolve(payload);
    };
    (socket.once as (event: string, listener: (payload: EventPayload<Name>) => void) => void)(name, listener);
  });
}

/** Collects every payload of an event, to prove later that one never came. */
export function collectEvents<Name extends EventName>(socket: TestSocket, name: Name): EventPayload<Name>[] {
  const received: EventPayload<Name>[] = [];
  (socket.on as (event: string, listener: (payload: EventPayload<Name>) => void) => void)(name, (payload) => received.push(payload));
  return received;
}

export function waitForDisconnect(socket: TestSocket, timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still connected after ${timeoutMs} ms`)), timeoutMs);
    socket.once("disconnect", (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}
