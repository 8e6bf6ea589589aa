import type { FastifyBaseLogger } from "fastify";
import type { EventBus } from "../../lib/event-bus.ts";
import type { AuthService } from "./auth.service.ts";

/** A user who is disabled or locked loses every open session at once, on every server process. */
export function registerAuthListeners(events: EventBus, authService: AuthService, logger: FastifyBaseLogger): () => void {
  return events.subscribe((event) => {
    if (event.name !== "user.updated") {
      return;
    }
    const { user } = event.payload as { user: { id: string; disabled: boolean; locked: boolean } };
    if (!user.disabled && !user.locked) {
      return;
    }
    authService.endSessionsOfUser(user.id).catch((error: unknown) => {
      logger.error({ err: error, userId: user.id }, "could not end the sessions of a disabled or locked user");
    });
  });
}
