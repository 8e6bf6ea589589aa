import type { MomentCriteria, TryMomentsResponse, MomentNotificationId } from "../../../common/api/moments.ts";
import { compileMoments, type CompiledNotification, type PhraseKind } from "./moments-matcher.ts";

export interface TriableNotification {
  id: string | null;
  name: string;
  criteria: MomentCriteria;
}

type Result = TryMomentsResponse["results"][number];

/**
 * "Try it" (issue 7, item 7): what a sample text would fire, as if it were the whole conversation so far. Pure: the
 * same compiled matcher as live matching, over the asker's notifications and the criteria being edited.
 */
export function tryText(notifications: readonly TriableNotification[], text: string, speaker: "customer" | "agent"): TryMomentsResponse {
  const compiled = compileMoments(
    0n,
    notifications.map((notification, index): CompiledNotification => ({
      id: String(index),
      name: notification.name,
      description: "",
      ownerId: null,
      ownerRole: null,
      personal: false,
      notifySupervisors: false,
      criteria: notification.criteria,
      teamIds: new Set(),
      agentIds: new Set(),
      excludedAgentIds: new Set(),
    })),
  );
  const matches = notifications.map(() => [] as Result["matches"]);
  compiled.matcher.scan(text, (patternId, start, end) => {
    const meaning = compiled.patterns[patternId];
    if (meaning) {
      matches[Number(meaning.notification.id)]?.push({ phrase: meaning.phrase, kind: meaning.kind, start, end, matchedText: text.slice(start, end) });
    }
  });
  const results = notifications.map((notification, index) => judge(notification, matches[index] ?? [], speaker));
  return { results: results.filter((result, index) => result.matches.length > 0 || notifications[index]?.id === null) };
}

function judge(notification: TriableNotification, matches: Result["matches"], speaker: "customer" | "agent"): Result {
  const base = { notificationId: notification.id as MomentNotificationId | null, name: notification.name, matches: matches.sort((left, right) => left.start - right.start) };
  const refusal = reasonNotFiring(notification.criteria, matches, speaker);
  return { ...base, fires: refusal === null, reason: refusal };
}

function reasonNotFiring(criteria: MomentCriteria, matches: Result["matches"], speaker: "customer" | "agent"): string | null {
  const said = (kind: PhraseKind) => matches.filter((match) => match.kind === kind);
  if (criteria.anyOf.length === 0 && criteria.allOf.length === 0 && criteria.notMentioned) {
    const seconds = criteria.notMentioned.withinSeconds;
    return said("notMentioned").length > 0 ? `Said in time: its ${seconds}-second timer would stop.` : `Fires on a timer: when none of its phrases is said within ${seconds} seconds of the start.`;
  }
  if (criteria.speaker !== "either" && criteria.speaker !== speaker) {
    return `It listens to the ${criteria.speaker} only.`;
  }
  const trigger = criteria.anyOf.length > 0 ? said("anyOf") : said("allOf");
  if (trigger.length === 0) {
    return "None of its phrases was said.";
  }
  const allOf = new Set(said("allOf").map((match) => match.phrase));
  const missing = criteria.allOf.filter((phrase) => !allOf.has(phrase));
  if (missing.length > 0) {
    return `Still waiting for: ${missing.join(", ")}.`;
  }
  const excluded = said("exclude");
  if (excluded.length > 0) {
    return `An exclusion was said: ${excluded.map((match) => match.phrase).join(", ")}.`;
  }
  return null;
}
