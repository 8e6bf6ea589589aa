import type { FastifyBaseLogger } from "fastify";
import type { CoachingSettings, UpdateCoachingSettingsRequest } from "../../../common/api/coaching.ts";
import type { Db } from "../../db/database.ts";
import type { Clock } from "../../lib/clock.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import { roleRoom } from "../../realtime/rooms.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { Actor } from "../auth/principal.ts";
import { fieldError } from "../memberships/member-rules.ts";
import * as schedule from "./coaching-clear-down.repository.ts";

export interface ClearDownRun {
  cutoff: Date;
  cleared: number;
  nextRunAt: Date;
}

function presentSettings(row: schedule.ClearDownScheduleRow): CoachingSettings {
  return {
    timeZone: row.timeZone,
    clearDownTime: row.localTime.slice(0, 5),
    nextClearDownAt: row.nextRunAt.toISOString(),
    lastClearDownAt: row.lastRunAt?.toISOString() ?? null,
  };
}

/**
 * product.md, Coaching messages: "the agent's copy is cleared overnight". At the configured local time in the
 * account's time zone, copies of messages sent before that time leave the agents' view (the log keeps them). The
 * schedule is a database row claimed with SKIP LOCKED, so several processes run it once, and a process that
 * starts after downtime catches up with one run.
 */
export class CoachingClearDownService {
  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async getSettings(): Promise<CoachingSettings> {
    return presentSettings(await schedule.findSchedule(this.db));
  }

  async updateSettings(actor: Actor, changes: UpdateCoachingSettingsRequest): Promise<CoachingSettings> {
    if (changes.timeZone !== undefined && !(await schedule.timeZoneExists(this.db, changes.timeZone))) {
      throw fieldError("timeZone", `timeZone: ${changes.timeZone} is not a time zone the database knows`);
    }
    const updated = await this.db.transaction().execute(async (transaction) => {
      const before = presentSettings(await schedule.findSchedule(transaction));
      const settings = { timeZone: changes.timeZone ?? before.timeZone, localTime: changes.clearDownTime ?? before.clearDownTime };
      const after = presentSettings(await schedule.updateSchedule(transaction, settings, this.clock.now()));
      await this.audit.record(transaction, actor, {
        action: "coaching_settings.updated",
        entityType: "settings",
        entityId: "coaching",
        summary: `Set the coaching clear-down to ${after.clearDownTime} (${after.timeZone})`,
        before: { timeZone: before.timeZone, clearDownTime: before.clearDownTime },
        after: { timeZone: after.timeZone, clearDownTime: after.clearDownTime },
      });
      return after;
    });
    return updated;
  }

  /** Runs the clear-down when it is due and no other process has it; answers what it did, or undefined. */
  async runIfDue(): Promise<ClearDownRun | undefined> {
    const at = this.clock.now();
    const run = await this.db.transaction().execute(async (transaction) => {
      const due = await schedule.claimDueRun(transaction, at);
      if (!due) {
        return undefined;
      }
      const cleared = await schedule.clearCopiesBefore(transaction, due.cutoff, at);
      await schedule.recordRun(transaction, { at, ...due });
      await this.audit.record(transaction, undefined, {
        action: "coaching.cleared_down",
        entityType: "coaching_clear_down",
        entityId: null,
        summary: `Cleared ${cleared} coaching ${cleared === 1 ? "copy" : "copies"} sent before ${due.cutoff.toISOString()} from agents' views`,
        after: { cutoff: due.cutoff.toISOString(), cleared, nextRunAt: due.nextRunAt.toISOString() },
      });
      return { ...due, cleared };
    });
    if (run) {
      this.events.publish("coaching_messages.cleared", { before: run.cutoff.toISOString() }, { rooms: [roleRoom("agent")] });
    }
    return run;
  }
}

/** Each process looks for a due clear-down this often; the database decides which one runs it. */
export class CoachingClearDownWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly clearDown: Pick<CoachingClearDownService, "runIfDue">,
    private readonly logger: FastifyBaseLogger,
    private readonly intervalSeconds: number,
  ) {}

  /** Looks at once (catching up after downtime), then every interval. */
  start(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), this.intervalSeconds * 1000);
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
    this.running = this.clearDown
      .runIfDue()
      .then((run) => {
        if (run) {
          this.logger.info({ cutoff: run.cutoff, cleared: run.cleared, nextRunAt: run.nextRunAt }, "coaching clear-down ran");
        }
      })
      .catch((error: unknown) => this.logger.error({ err: error }, "coaching clear-down failed; it runs again at the next check"))
      .finally(() => {
        this.running = undefined;
      });
  }
}
