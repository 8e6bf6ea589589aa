import type { MarkMomentRequest, Moment } from "../../../common/api/moments.ts";
import type { Db } from "../../db/database.ts";
import { ConflictError, NotFoundError } from "../../lib/errors.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import { userRoom } from "../../realtime/rooms.ts";
import type { Principal } from "../auth/principal.ts";
import { findNotificationContents } from "./moments-engine.repository.ts";
import type { MomentsEngine } from "./moments-engine.service.ts";
import { firingsInScope, momentsActorOf } from "./moments.policy.ts";
import { presentMoment, type FiringRow } from "./moments.presenter.ts";

const momentNotFound = () => new NotFoundError("moment_not_found", "Moment not found.");

/**
 * The moments an agent received (the desktop's list beside each conversation, dismiss and helpful marks) and the
 * transcript segments an integration posts for matching.
 */
export class MomentsService {
  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    private readonly engine: MomentsEngine,
  ) {}

  /** The agent's own moments of one conversation, oldest first; for admins and supervisors, those in their scope. */
  async listForInteraction(principal: Principal, interactionId: string): Promise<Moment[]> {
    let query = this.db.selectFrom("momentFirings").selectAll().where("interactionId", "=", interactionId);
    if (principal.user.role === "agent") {
      query = query.where("agentId", "=", principal.user.id);
    } else {
      query = query.where(firingsInScope(await momentsActorOf(this.db, principal)));
    }
    return this.present(await query.orderBy("firedAt").orderBy("id").limit(200).execute());
  }

  /** Dismiss or mark helpful: only the agent who received the moment; anyone else gets 404. */
  async mark(principal: Principal, momentId: string, marks: MarkMomentRequest): Promise<Moment> {
    const row = await this.db
      .updateTable("momentFirings")
      .set((eb) => ({
        ...(marks.helpful === undefined ? {} : { helpful: marks.helpful }),
        ...(marks.dismissed ? { dismissedAt: eb.fn.coalesce("dismissedAt", eb.fn<Date>("now", [])) } : {}),
      }))
      .where("id", "=", momentId)
      .where("agentId", "=", principal.user.id)
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      throw momentNotFound();
    }
    const [moment] = await this.present([row]);
    if (!moment) {
      throw momentNotFound();
    }
    this.events.publish("moment.updated", { moment }, { rooms: [userRoom(principal.user.id)] });
    return moment;
  }

  /**
   * A speech-to-text segment of a live conversation (issue 7, item 3): stored with the conversation, then matched
   * like a message. A conversation that is not open answers 409 `interaction_not_active`.
   */
  async addTranscript(interactionId: string, segment: { speaker: "customer" | "agent"; text: string; startOffsetMs?: number | undefined; endOffsetMs?: number | undefined }): Promise<{ segmentId: string; moments: number }> {
    const interaction = await this.db.selectFrom("interactions").select(["state"]).where("id", "=", interactionId).executeTakeFirst();
    if (!interaction) {
      throw new NotFoundError("interaction_not_found", "This interaction does not exist.");
    }
    if (!["queued", "offered", "active"].includes(interaction.state)) {
      throw new ConflictError("interaction_not_active", "This interaction has ended: its transcript is closed.");
    }
    const stored = await this.db
      .insertInto("momentTranscriptSegments")
      .values({ interactionId, speaker: segment.speaker, body: segment.text, startOffsetMs: segment.startOffsetMs ?? null, endOffsetMs: segment.endOffsetMs ?? null })
      .returning("id")
      .executeTakeFirstOrThrow();
    const moments = await this.engine.onText({ interactionId, speaker: segment.speaker, text: segment.text, source: "transcript", sourceId: stored.id });
    return { segmentId: stored.id, moments: moments.length };
  }

  private async present(rows: readonly FiringRow[]): Promise<Moment[]> {
    const notificationIds = rows.flatMap((row) => (row.notificationId ? [row.notificationId] : []));
    const [contents, descriptions] = await Promise.all([
      findNotificationContents(this.db, notificationIds),
      notificationIds.length === 0 ? [] : this.db.selectFrom("momentNotifications").select(["id", "description"]).where("id", "in", [...new Set(notificationIds)]).execute(),
    ]);
    const description = new Map(descriptions.map((row) => [row.id, row.description]));
    return rows.map((row) => presentMoment(row, { description: description.get(row.notificationId ?? "") ?? "", contents: contents.get(row.notificationId ?? "") ?? [] }));
  }
}
