import { momentCriteriaOutputSchema, type MomentCriteria } from "../../../common/api/moments.ts";
import type { Db } from "../../db/database.ts";
import { parsePhrase } from "./moments-text.ts";
import { PhraseMatcher } from "./phrase-matcher.ts";
import type { PhrasePattern } from "./reference-matcher.ts";

export type PhraseKind = "anyOf" | "allOf" | "exclude" | "notMentioned";

export interface CompiledNotification {
  id: string;
  name: string;
  description: string;
  ownerId: string | null;
  /** A supervisor's notification reaches only the agents in their scope. */
  ownerRole: string | null;
  personal: boolean;
  notifySupervisors: boolean;
  criteria: MomentCriteria;
  teamIds: ReadonlySet<string>;
  agentIds: ReadonlySet<string>;
  excludedAgentIds: ReadonlySet<string>;
}

/** What a pattern of the matcher stands for: one phrase of one notification's criteria. */
export interface PatternMeaning {
  notification: CompiledNotification;
  kind: PhraseKind;
  index: number;
  phrase: string;
}

/** Every enabled notification with one matcher over all their phrases, as of one matcher version. */
export interface CompiledMoments {
  version: bigint;
  matcher: PhraseMatcher;
  patterns: readonly PatternMeaning[];
  notifications: readonly CompiledNotification[];
  byId: ReadonlyMap<string, CompiledNotification>;
}

const KINDS: readonly PhraseKind[] = ["anyOf", "allOf", "exclude", "notMentioned"];

export function phrasesOf(criteria: MomentCriteria, kind: PhraseKind): readonly string[] {
  return kind === "notMentioned" ? (criteria.notMentioned?.phrases ?? []) : criteria[kind];
}

/** Compiles notifications into one matcher: each phrase of each kind is a pattern. */
export function compileMoments(version: bigint, notifications: readonly CompiledNotification[]): CompiledMoments {
  const patterns: PatternMeaning[] = [];
  const phrasePatterns: PhrasePattern[] = [];
  for (const notification of notifications) {
    for (const kind of KINDS) {
      phrasesOf(notification.criteria, kind).forEach((phrase, index) => {
        phrasePatterns.push({ id: patterns.length, words: parsePhrase(phrase) });
        patterns.push({ notification, kind, index, phrase });
      });
    }
  }
  return { version, matcher: PhraseMatcher.compile(phrasePatterns), patterns, notifications, byId: new Map(notifications.map((notification) => [notification.id, notification])) };
}

/**
 * The process's compiled matcher (issue 7: "rebuilt and swapped atomically when a notification changes"). A change
 * in this process triggers a rebuild at once (moment_notification.changed); before matching, the engine passes
 * the database's version row and a matcher older than it is rebuilt first, so changes made through another
 * process are matched too. The swap is one assignment: a match in progress keeps the matcher it started with.
 */
export class MomentsMatcherRegistry {
  private current: CompiledMoments | undefined;
  private building: Promise<CompiledMoments> | undefined;

  constructor(private readonly db: Db) {}

  /** The compiled matcher at `version` or newer. */
  async ensure(version: bigint): Promise<CompiledMoments> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = this.current;
      if (current && current.version >= version) {
        return current;
      }
      await this.rebuild();
    }
    return this.current as CompiledMoments;
  }

  /** Rebuilds now (a change was made in this process); concurrent calls share one build. */
  rebuild(): Promise<CompiledMoments> {
    this.building ??= this.load().finally(() => {
      this.building = undefined;
    });
    return this.building;
  }

  private async load(): Promise<CompiledMoments> {
    // The version first: data read after it is as new or newer, so a change committed in between only causes
    // one more rebuild, never a stale matcher labelled new.
    const versionRow = await this.db.selectFrom("momentMatcherVersion").select("version").executeTakeFirstOrThrow();
    const rows = await this.db
      .selectFrom("momentNotifications as notification")
      .leftJoin("users as owner", "owner.id", "notification.ownerId")
      .select(["notification.id", "notification.name", "notification.description", "notification.criteria", "notification.notifySupervisors", "notification.ownerId", "notification.personal", "owner.role as ownerRole"])
      .where("notification.enabled", "=", true)
      .execute();
    const ids = rows.map((row) => row.id);
    const [teams, agents] = ids.length === 0
      ? [[], []]
      : await Promise.all([
          this.db.selectFrom("momentNotificationTeams").select(["notificationId", "teamId"]).where("notificationId", "in", ids).execute(),
          this.db.selectFrom("momentNotificationAgents").select(["notificationId", "agentId", "excluded"]).where("notificationId", "in", ids).execute(),
        ]);
    const notifications = rows.map((row): CompiledNotification => ({
      id: row.id,
      name: row.name,
      description: row.description,
      ownerId: row.ownerId,
      ownerRole: row.ownerRole,
      personal: row.personal,
      notifySupervisors: row.notifySupervisors,
      criteria: momentCriteriaOutputSchema.parse(row.criteria),
      teamIds: new Set(teams.filter((team) => team.notificationId === row.id).map((team) => team.teamId)),
      agentIds: new Set(agents.filter((agent) => agent.notificationId === row.id && !agent.excluded).map((agent) => agent.agentId)),
      excludedAgentIds: new Set(agents.filter((agent) => agent.notificationId === row.id && agent.excluded).map((agent) => agent.agentId)),
    }));
    const compiled = compileMoments(BigInt(versionRow.version), notifications);
    if (!this.current || compiled.version >= this.current.version) {
      this.current = compiled;
    }
    return compiled;
  }
}

/** Whether the notification reaches this agent: targeted directly or through a team, and not excluded. */
export function targets(notification: CompiledNotification, agentId: string, agentTeamIds: readonly string[]): boolean {
  if (notification.excludedAgentIds.has(agentId)) {
    return false;
  }
  return notification.agentIds.has(agentId) || agentTeamIds.some((teamId) => notification.teamIds.has(teamId));
}

/** Whether the notification applies to this conversation and speaker (criteria: speaker, channels, queues). */
export function appliesTo(criteria: MomentCriteria, conversation: { channel: string; queueId: string | null }, speaker: "customer" | "agent" | undefined): boolean {
  if (speaker !== undefined && criteria.speaker !== "either" && criteria.speaker !== speaker) {
    return false;
  }
  if (criteria.channels.length > 0 && !criteria.channels.includes(conversation.channel as never)) {
    return false;
  }
  return criteria.queueIds.length === 0 || (conversation.queueId !== null && criteria.queueIds.includes(conversation.queueId));
}
