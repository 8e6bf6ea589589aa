import type { Server as HttpServer, IncomingMessage } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import fastifyCookie from "@fastify/cookie";
import type { FastifyBaseLogger } from "fastify";
import { Redis } from "ioredis";
import { Server, type Socket } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "../../common/events/catalogue.ts";
import type { DomainEvent, EventBus } from "../lib/event-bus.ts";
import type { AuthService } from "../modules/auth/auth.service.ts";
import type { Principal } from "../modules/auth/principal.ts";
import { SESSION_COOKIE } from "../http/session-cookie.ts";
import { roleRoom, sessionRoom, userRoom } from "./rooms.ts";

export interface SocketData {
  principal: Principal;
  /** The rooms the socket joins on connection: its user, role, session, teams and queues. */
  rooms: string[];
}

export type GatewayServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type GatewaySocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Modules add the rooms a user belongs to (teams, queues) without the gateway knowing about them. */
export type RoomResolver = (principal: Principal) => Promise<string[]>;

/** Modules hear of each socket that opens or closes (presence counts them) without the gateway knowing why. */
export interface ConnectionListener {
  connected(principal: Principal): void;
  disconnected(principal: Principal): void;
}

export interface GatewayOptions {
  httpServer: HttpServer;
  authService: AuthService;
  events: EventBus;
  logger: FastifyBaseLogger;
  redisUrl?: string | undefined;
  /** Origins allowed to open a socket with the session cookie; the page's own origin always is. */
  publicUrl?: string | undefined;
  roomResolvers?: RoomResolver[];
  connectionListeners?: ConnectionListener[];
}

/**
 * Socket.IO gateway on the HTTP server's port: authenticates the handshake by session cookie or API token,
 * puts each socket in its rooms, and relays domain events to rooms. No domain logic lives here.
 */
export class Gateway {
  readonly io: GatewayServer;
  private readonly redisClients: Redis[] = [];
  private readonly unsubscribe: () => void;
  private readonly roomResolvers: RoomResolver[];

  constructor(private readonly options: GatewayOptions) {
    this.roomResolvers = options.roomResolvers ?? [];
    this.io = new Server(options.httpServer, {
      serveClient: false,
      allowRequest: (request, callback) => callback(null, isAllowedOrigin(request, options.publicUrl)),
    });
    if (options.redisUrl) {
      const publisher = new Redis(options.redisUrl, { lazyConnect: false });
      const subscriber = publisher.duplicate();
      this.redisClients.push(publisher, subscriber);
      this.io.adapter(createAdapter(publisher, subscriber, { key: "switchboard:socket.io" }));
    }
    // Rooms are worked out before the handshake completes and joined synchronously on connection, so no
    // event sent right after the client sees `connect` can miss it.
    this.io.use((socket, next) => {
      this.authenticate(socket)
        .then(async (principal) => {
          if (!principal) {
            next(Object.assign(new Error("unauthenticated"), { data: { code: "unauthenticated" } }));
            return;
          }
          socket.data.principal = principal;
          socket.data.rooms = await this.roomsOf(principal);
          next();
        })
        .catch((error: unknown) => next(error instanceof Error ? error : new Error("authentication failed")));
    });
    this.io.on("connection", (socket) => {
      void socket.join(socket.data.rooms);
      const principal = socket.data.principal;
      for (const listener of options.connectionListeners ?? []) {
        listener.connected(principal);
      }
      socket.on("disconnect", () => {
        for (const listener of options.connectionListeners ?? []) {
          listener.disconnected(principal);
        }
      });
    });
    this.unsubscribe = options.events.subscribe((event) => this.relay(event));
  }

  /** Adds every socket of a user, on every process, to more rooms (a user added to a team, say). */
  joinRooms(userId: string, rooms: string[]): void {
    this.io.in(userRoom(userId)).socketsJoin(rooms);
  }

  leaveRooms(userId: string, rooms: string[]): void {
    this.io.in(userRoom(userId)).socketsLeave(rooms);
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.io.close();
    await Promise.all(this.redisClients.map((client) => client.quit().catch(() => undefined)));
  }

  private relay(event: DomainEvent): void {
    if (event.audience.rooms.length === 0) {
      return;
    }
    const target = this.io.to(event.audience.rooms);
    (target.emit as (name: string, payload: unknown) => boolean)(event.name, event.payload);
    if (event.audience.disconnect) {
      this.io.in(event.audience.rooms).disconnectSockets(true);
    }
  }

  private async authenticate(socket: GatewaySocket): Promise<Principal | undefined> {
    const auth = socket.handshake.auth as { token?: unknown };
    if (typeof auth.token === "string") {
      return this.options.authService.authenticateToken(auth.token);
    }
    const cookies = fastifyCookie.parse(socket.handshake.headers.cookie ?? "");
    const sessionSecret = cookies[SESSION_COOKIE];
    return sessionSecret ? this.options.authService.authenticateSession(sessionSecret) : undefined;
  }

  private async roomsOf(principal: Principal): Promise<string[]> {
    const rooms = [userRoom(principal.user.id), roleRoom(principal.user.role)];
    if (principal.via === "session") {
      rooms.push(sessionRoom(principal.sessionId));
    }
    for (const resolve of this.roomResolvers) {
      rooms.push(...(await resolve(principal)));
    }
    return rooms;
  }

}

// Browsers send Origin on WebSocket and polling requests; a socket authenticated by cookie must come from
// the page's own origin (or PUBLIC_URL), which stops cross-site WebSocket hijacking.
function isAllowedOrigin(request: IncomingMessage, publicUrl: string | undefined): boolean {
  const origin = request.headers.origin;
  if (!origin) {
    return true;
  }
  if (publicUrl && new URL(publicUrl).origin === origin) {
    return true;
  }
  const host = request.headers["x-forwarded-host"] ?? request.headers.host;
  return origin === `http://${String(host)}` || origin === `https://${String(host)}`;
}
