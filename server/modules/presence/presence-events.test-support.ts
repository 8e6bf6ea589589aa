import type { EventName, EventPayload } from "../../../common/events/catalogue.ts";
import type { Presence } from "../../../common/api/presence.ts";
import type { TestClient } from "../../test/http-client.ts";
import { connectSocket, type TestSocket } from "../../test/socket-client.ts";

// Shared by the presence tests: waiting for one particular event among many.

/**
 * Resolves with the first payload of that event that matches, or rejects after the timeout. An aborted wait
 * stops listening and never settles.
 */
export function waitForEvent<Name extends EventName>(
  socket: TestSocket,
  name: Name,
  matches: (payload: EventPayload<Name>) => boolean,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<EventPayload<Name>> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  // The catalogue's typed overloads do not take a generic event name: one cast, bound to the socket.
  type Untyped = (event: string, listener: (payload: EventPayload<Name>) => void) => void;
  const on = (socket.on as Untyped).bind(socket);
  const off = (socket.off as Untyped).bind(socket);
  return new Promise((resolve, reject) => {
    const stop = () => {
      clearTimeout(timer);
      off(name, listener);
    };
    const listener = (payload: EventPayload<Name>) => {
      if (matches(payload)) {
        stop();
        resolve(payload);
      }
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no matching ${name} within ${timeoutMs} ms`));
    }, timeoutMs);
    options.signal?.addEventListener("abort", stop);
    on(name, listener);
  });
}

/** The next presence of this user pushed on the socket that matches. */
export async function waitForPresence(
  socket: TestSocket,
  userId: string,
  matches: (presence: Presence) => boolean = () => true,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<Presence> {
  const payload = await waitForEvent(socket, "presence.changed", ({ presence }) => presence.agentId === userId && matches(presence), options);
  return payload.presence;
}

/**
 * The user's own presence once it matches: now, or when it is next pushed. (An event sent while the socket was
 * connecting can come before a listener could be added, so the API is asked too.)
 */
export async function ownPresenceWhen(socket: TestSocket, client: TestClient, userId: string, matches: (presence: Presence) => boolean): Promise<Presence> {
  const controller = new AbortController();
  const pushed = waitForPresence(socket, userId, matches, { signal: controller.signal });
  const current = await client.get<Presence>("/api/v1/presence/me");
  if (current.status === 200 && matches(current.body)) {
    controller.abort();
    return current.body;
  }
  return pushed;
}

/** Opens the user's desktop connection and waits until their presence says connected. */
export async function openDesktop(url: string, client: TestClient, userId: string): Promise<{ socket: TestSocket; presence: Presence }> {
  const socket = await connectSocket(url, { cookie: client.cookie });
  const presence = await ownPresenceWhen(socket, client, userId, (candidate) => candidate.connected);
  return { socket, presence };
}
