// @vitest-environment node
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server, type Socket as ServerSocket } from "socket.io";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ClientToServerEvents, ServerToClientEvents } from "../../common/events/catalogue.ts";
import { createRealtimeClient, type ConnectionState, type RealtimeClient } from "./realtime-client.ts";

type TestServer = Server<ClientToServerEvents, ServerToClientEvents>;

describe("realtime client", () => {
  let httpServer: HttpServer;
  let socketServer: TestServer;
  let url: string;
  let serverSockets: ServerSocket<ClientToServerEvents, ServerToClientEvents>[];
  let client: RealtimeClient | undefined;

  beforeEach(async () => {
    httpServer = createServer();
    socketServer = new Server(httpServer);
    serverSockets = [];
    socketServer.on("connection", (socket) => {
      serverSockets.push(socket);
    });
    await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
    const { port } = httpServer.address() as AddressInfo;
    url = `http://127.0.0.1:${port}`;
  });

  afterEach(async () => {
    client?.close();
    client = undefined;
    await socketServer.close();
  });

  function connect(overrides: { onSessionEnded?: () => void } = {}) {
    const onResync = vi.fn();
    const states: ConnectionState[] = [];
    client = createRealtimeClient({
      url,
      onResync,
      onSessionEnded: overrides.onSessionEnded ?? (() => undefined),
      onStateChange: (state) => states.push(state),
      socketOptions: { reconnectionDelay: 20, reconnectionDelayMax: 50 },
    });
    return { onResync, states };
  }

  it("resyncs on the first connect and again after a reconnect", async () => {
    const { onResync, states } = connect();
    await vi.waitFor(() => expect(onResync).toHaveBeenCalledTimes(1));
    expect(states).toEqual(["connecting", "live"]);

    // Drop the connection the way a network blip or a server restart would: the client must come back
    // on its own and resync, because events sent while it was away are lost.
    serverSockets[0]?.conn.close();

    await vi.waitFor(() => expect(onResync).toHaveBeenCalledTimes(2));
    expect(states).toEqual(["connecting", "live", "reconnecting", "live"]);
    expect(serverSockets).toHaveLength(2);
  });

  it("reports session.ended with its payload", async () => {
    const onSessionEnded = vi.fn();
    const { onResync } = connect({ onSessionEnded });
    await vi.waitFor(() => expect(onResync).toHaveBeenCalledTimes(1));

    serverSockets[0]?.emit("session.ended", { reason: "revoked" });

    await vi.waitFor(() => expect(onSessionEnded).toHaveBeenCalledWith({ reason: "revoked" }));
  });

  it("validates payloads against the event catalogue before handing them on", async () => {
    const { onResync } = connect();
    await vi.waitFor(() => expect(onResync).toHaveBeenCalledTimes(1));
    const received: number[] = [];
    client?.subscribe("settings.updated", (payload) => received.push(payload.security.lockoutThreshold));

    const serverSocket = serverSockets[0];
    // A malformed payload is dropped; the valid one after it arrives.
    (serverSocket as unknown as ServerSocket).emit("settings.updated", { security: { suiteEnabled: false, maskCharacters: 4, lockoutThreshold: "five" } });
    serverSocket?.emit("settings.updated", { security: { suiteEnabled: false, maskCharacters: 4, lockoutThreshold: 5 } });

    await vi.waitFor(() => expect(received).toEqual([5]));
  });

  it("says offline once the server ends the connection for good", async () => {
    const { onResync, states } = connect();
    await vi.waitFor(() => expect(onResync).toHaveBeenCalledTimes(1));

    // A server-side disconnect (session gone) is not retried by Socket.IO.
    serverSockets[0]?.disconnect(true);

    await vi.waitFor(() => expect(states.at(-1)).toBe("offline"));
    expect(onResync).toHaveBeenCalledTimes(1);
  });
});
