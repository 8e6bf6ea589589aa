import type { Moment } from "../../../common/api/moments.ts";
import type { Db, Tx } from "../../db/database.ts";
import type { MomentSpeaker } from "../../db/tables.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import { userRoom } from "../../realtime/rooms.ts";
import * as engine from "./moments-engine.repository.ts";
import { appliesTo, targets, type CompiledMoments, type CompiledNotification, type MomentsMatcherRegistry, type PatternMeaning } from "./moments-matcher.ts";
import { presentMoment, type FiringRow } from "./moments.presenter.ts";

export interface SpokenText {
  interactionId: string;
  speaker: MomentSpeaker;
  text: string;
  source: "message" | "transcript";
  sourceId: string;
}

interface Hit {
  meaning: PatternMeaning;
  start: number;
  end: number;
}

interface NotificationHits {
  notification: CompiledNotification;
  anyOf: Hit[];
  allOf: Hit[];
  exclude: boolean;
  notMentioned: boolean;
}

const DEADLINE_BATCH = 100;

/**
 * Moments at run time (issue 7, item 3): every message and transcript segment of a live conversation is matched
 * against every enabled notification at once; a notification whose criteria hold on a conversation owned by an
 * agent it targets fires: the firing is recorded and pushed with its content to the agent (and their supervisors
 * when asked), after the commit. "Not mentioned within N seconds" is a deadline row per conversation.
 */
export class MomentsEngine {
  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    private readonly registry: MomentsMatcherRegistry,
  ) {}

  /** Matches one text of a conversation; answers the moments that fired. */
  async onText(spoken: SpokenText): Promise<Moment[]> {
    const context = await engine.findMatchContext(this.db, spoken.interactionId);
    if (!context || context.state !== "active" || !context.ownerId || !context.ownerReceives) {
      return [];
    }
    const compiled = await this.registry.ensure(context.version);
    const candidates = this.candidates(compiled, spoken, context);
    if (candidates.length === 0) {
      return [];
    }
    const ownerId = context.ownerId;
    const fired = await this.db.transaction().execute(async (transaction) => {
      const rows: FiringRow[] = [];
      for (const hits of candidates) {
        const row = await this.evaluate(transaction, hits, spoken, { ...context, ownerId });
        if (row) {
          rows.push(row);
        }
      }
      return rows;
    });
    return this.publish(fired, compiled);
  }

  /**
   * The conversation was accepted: its "not mentioned within N seconds" deadlines start, and what was said before
   * the accept (the customer's first messages) is matched now, for the agent who will read it.
   */
  async onAssigned(interactionId: string): Promise<Moment[]> {
    const context = await engine.findMatchContext(this.db, interactionId);
    if (!context || context.state !== "active" || !context.ownerId || !context.ownerReceives) {
      return [];
    }
    const compiled = await this.registry.ensure(context.version);
    const ownerId = context.ownerId;
    const started = (context.acceptedAt ?? new Date()).getTime();
    const deadlines = compiled.notifications
      .filter((notification) => notification.criteria.notMentioned !== null && appliesTo(notification.criteria, context, undefined) && targets(notification, ownerId, context.ownerTeamIds))
      .map((notification) => ({ interactionId, notificationId: notification.id, agentId: ownerId, dueAt: new Date(started + (notification.criteria.notMentioned?.withinSeconds ?? 0) * 1000) }));
    await engine.insertDeadlines(this.db, deadlines);
    const moments: Moment[] = [];
    for (const text of await engine.findConversationTexts(this.db, interactionId)) {
      moments.push(...(await this.onText({ interactionId, speaker: text.speaker, text: text.body, source: text.source, sourceId: text.id })));
    }
    return moments;
  }

  /** Fires the due "not mentioned within N seconds" deadlines; each is claimed by one process. */
  async runDueDeadlines(): Promise<Moment[]> {
    const compiled = await this.registry.ensure(await engine.currentVersion(this.db));
    const fired = await this.db.transaction().execute(async (transaction) => {
      const rows: FiringRow[] = [];
      for (const due of await engine.claimDueDeadlines(transaction, DEADLINE_BATCH)) {
        const notification = compiled.byId.get(due.notificationId);
        if (!notification?.criteria.notMentioned || due.state !== "active" || due.ownerId !== due.agentId) {
          continue;
        }
        if (!(await this.reaches(transaction, notification, due.agentId)) || !(await engine.claimFiring(transaction, due.interactionId, notification.id, { kind: "once" }))) {
          continue;
        }
        const row = await engine.insertFiring(transaction, {
          notificationId: notification.id,
          notificationName: notification.name,
          agentId: due.agentId,
          agentName: due.agentName,
          interactionId: due.interactionId,
          channel: due.channel,
          queueId: due.queueId,
          source: "deadline",
          sourceId: null,
          speaker: null,
          phrase: notification.criteria.notMentioned.phrases.join(" / "),
          matchedText: "",
          matchStart: null,
          matchEnd: null,
        });
        if (row) {
          rows.push(row);
        }
      }
      return rows;
    });
    return this.publish(fired, compiled);
  }

  /** The notifications this text's matches concern, for this speaker, conversation and owner. */
  private candidates(compiled: CompiledMoments, spoken: SpokenText, context: engine.MatchContext & { ownerId: string | null }): NotificationHits[] {
    const byNotification = new Map<string, NotificationHits>();
    compiled.matcher.scan(spoken.text, (patternId, start, end) => {
      const meaning = compiled.patterns[patternId];
      if (!meaning) {
        return;
      }
      const notification = meaning.notification;
      let hits = byNotification.get(notification.id);
      if (!hits) {
        hits = { notification, anyOf: [], allOf: [], exclude: false, notMentioned: false };
        byNotification.set(notification.id, hits);
      }
      if (meaning.kind === "anyOf" || meaning.kind === "allOf") {
        hits[meaning.kind].push({ meaning, start, end });
      } else {
        hits[meaning.kind] = true;
      }
    });
    const ownerId = context.ownerId ?? "";
    return [...byNotification.values()].filter(
      (hits) => appliesTo(hits.notification.criteria, context, spoken.speaker) && targets(hits.notification, ownerId, context.ownerTeamIds),
    );
  }

  /** product.md, Moments; issue 7, item 1: any-of said, every all-of said in this conversation, no exclusion said. */
  private async evaluate(transaction: Tx, hits: NotificationHits, spoken: SpokenText, context: engine.MatchContext & { ownerId: string }): Promise<FiringRow | undefined> {
    const { notification } = hits;
    const criteria = notification.criteria;
    if (hits.notMentioned) {
      await engine.clearDeadline(transaction, spoken.interactionId, notification.id);
    }
    const trigger = criteria.anyOf.length > 0 ? hits.anyOf[0] : hits.allOf.at(-1);
    if (!trigger && hits.allOf.length === 0 && !hits.exclude) {
      return undefined;
    }
    let seen = { seenAllOf: hits.allOf.map((hit) => hit.meaning.index), excluded: hits.exclude };
    if (criteria.allOf.length > 0 || criteria.exclude.length > 0) {
      seen = await engine.recordSeen(transaction, spoken.interactionId, notification.id, seen.seenAllOf, seen.excluded);
    }
    const allSaid = criteria.allOf.every((_phrase, index) => seen.seenAllOf.includes(index));
    if (!trigger || !allSaid || seen.excluded) {
      return undefined;
    }
    if (!(await this.reaches(transaction, notification, context.ownerId)) || !(await engine.claimFiring(transaction, spoken.interactionId, notification.id, criteria.frequency))) {
      return undefined;
    }
    return engine.insertFiring(transaction, {
      notificationId: notification.id,
      notificationName: notification.name,
      agentId: context.ownerId,
      agentName: context.ownerName,
      interactionId: spoken.interactionId,
      channel: context.channel,
      queueId: context.queueId,
      source: spoken.source,
      sourceId: spoken.sourceId,
      speaker: spoken.speaker,
      phrase: trigger.meaning.phrase,
      matchedText: spoken.text.slice(trigger.start, trigger.end),
      matchStart: trigger.start,
      matchEnd: trigger.end,
    });
  }

  /** A supervisor's (non-personal) notification reaches only the agents in their scope. */
  private async reaches(transaction: Tx, notification: CompiledNotification, agentId: string): Promise<boolean> {
    if (notification.personal || notification.ownerRole !== "supervisor" || notification.ownerId === null) {
      return true;
    }
    return engine.supervisorManages(transaction, notification.ownerId, agentId);
  }

  /** After the commit: each moment with its content to its agent, and to their supervisors when the notification asks. */
  private async publish(fired: readonly FiringRow[], compiled: CompiledMoments): Promise<Moment[]> {
    if (fired.length === 0) {
      return [];
    }
    const contents = await engine.findNotificationContents(this.db, fired.map((row) => row.notificationId ?? ""));
    const moments: Moment[] = [];
    for (const row of fired) {
      const notification = row.notificationId ? compiled.byId.get(row.notificationId) : undefined;
      const moment = presentMoment(row, { description: notification?.description ?? "", contents: contents.get(row.notificationId ?? "") ?? [] });
      const supervisors = notification?.notifySupervisors && row.agentId ? await engine.findSupervisorsOf(this.db, row.agentId) : [];
      this.events.publish("moment.fired", { moment }, { rooms: [row.agentId ?? "", ...supervisors].filter(Boolean).map(userRoom) });
      moments.push(moment);
    }
    return moments;
  }
}
