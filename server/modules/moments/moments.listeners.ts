import type { FastifyBaseLogger } from "fastify";
import type { EventBus } from "../../lib/event-bus.ts";
import type { MomentsEngine } from "./moments-engine.service.ts";
import type { MomentsMatcherRegistry } from "./moments-matcher.ts";

// Deliveries of an outbound message after it was first published (pending → delivered, failed...) are not new text.
const NEW_OUTBOUND = new Set(["none", "pending", "queued"]);

/**
 * Moments' hooks into the rest (issue 7, item 3), from domain events only: every message of a conversation (the
 * routing engine's interaction.message_added, customer and agent alike), a conversation accepted (its deadlines
 * start; what was said before the accept is matched), and a notification changed here (the matcher rebuilds;
 * other processes see the version row). Work runs after the publishing request's commit and is tracked so tests
 * and shutdown can wait for it.
 */
export function registerMomentsListeners(events: EventBus, engine: MomentsEngine, registry: MomentsMatcherRegistry, tracker: MomentsWork, logger: FastifyBaseLogger): () => void {
  return events.subscribe((event) => {
    if (event.name === "interaction.message_added") {
      const { message } = event.payload as { message: { id: string; interactionId: string; direction: "inbound" | "outbound"; body: string; delivery: string } };
      if (message.direction === "outbound" && !NEW_OUTBOUND.has(message.delivery)) {
        return;
      }
      tracker.track(
        engine.onText({ interactionId: message.interactionId, speaker: message.direction === "inbound" ? "customer" : "agent", text: message.body, source: "message", sourceId: message.id }),
        (error) => logger.error({ err: error, messageId: message.id }, "matching a message for Moments failed"),
      );
    } else if (event.name === "interaction.assigned") {
      const { interaction } = event.payload as { interaction: { id: string } };
      tracker.track(engine.onAssigned(interaction.id), (error) => logger.error({ err: error, interactionId: interaction.id }, "starting Moments on an accepted conversation failed"));
    } else if (event.name === "moment_notification.changed") {
      tracker.track(registry.rebuild(), (error) => logger.error({ err: error }, "rebuilding the Moments matcher failed; the next match rebuilds it"));
    }
  });
}

/** The listeners' work in flight. */
export class MomentsWork {
  private readonly pending = new Set<Promise<unknown>>();

  track(work: Promise<unknown>, onError: (error: unknown) => void): void {
    const tracked = work.catch(onError).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  /** Settles once everything started so far (and anything it started) has finished. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) {
      await Promise.all([...this.pending]);
    }
  }
}

/** Each process sweeps the due "not mentioned within N seconds" deadlines this often; SKIP LOCKED shares them out. */
export class MomentsDeadlineWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly engine: Pick<MomentsEngine, "runDueDeadlines">,
    private readonly logger: FastifyBaseLogger,
    private readonly intervalMilliseconds = 1_000,
  ) {}

  start(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), this.intervalMilliseconds);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private tick(): void {
    if (this.running) {
      return;
    }
    this.running = this.engine
      .runDueDeadlines()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error({ err: error }, "Moments deadline sweep failed; it runs again at the next tick"))
      .finally(() => {
        this.running = undefined;
      });
  }
}
