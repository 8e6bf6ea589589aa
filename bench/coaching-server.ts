import type { EventPayload } from "../common/events/catalogue.ts";
import { loadConfig } from "../server/config.ts";
import { teamRoom, userRoom } from "../server/realtime/rooms.ts";
import { startServer } from "../server/server.ts";

// The coaching benchmark's server (bench/coaching.bench.ts): the real server from the environment, plus, over the
// IPC channel, the bare Socket.IO broadcasts it is compared with, sent by the same gateway to the same sockets.
// Prints one JSON line with its URL once it listens.

export type ToServer =
  | { type: "rooms"; agentIds: string[] }
  | { type: "broadcast"; to: "team-room" | "user-rooms"; teamId: string; messageId: string; body: string };

export type FromServer = { type: "broadcasted"; messageId: string };

const server = await startServer(loadConfig());
let agentRooms: string[] = [];

process.on("message", (message: ToServer) => {
  if (message.type === "rooms") {
    agentRooms = message.agentIds.map(userRoom);
    return;
  }
  const now = new Date().toISOString();
  // The payload a coaching message carries: the same size on the wire.
  const payload = { messages: [{ id: message.messageId, body: message.body, senderName: "Bench Sender", sentAt: now, deliveredAt: now, readAt: null }] } as unknown as EventPayload<"coaching_message.delivered">;
  const target = message.to === "team-room" ? server.gateway.io.to(teamRoom(message.teamId)) : server.gateway.io.to(agentRooms);
  target.emit("coaching_message.delivered", payload);
  process.send?.({ type: "broadcasted", messageId: message.messageId } satisfies FromServer);
});

process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.once("SIGTERM", () => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
