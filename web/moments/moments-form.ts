import type { MomentCriteria, MomentNotification } from "../../common/api/moments.ts";
import type { Channel } from "../../common/domain/channels.ts";
import { fieldIssuesOf } from "../api/api-error.ts";

/** The notification editor's state: phrases as text, one per line. */
export interface NotificationDraft {
  name: string;
  description: string;
  enabled: boolean;
  anyOf: string;
  allOf: string;
  exclude: string;
  notMentioned: string;
  withinSeconds: string;
  speaker: MomentCriteria["speaker"];
  channels: Channel[];
  frequency: "once" | "every";
  cooldownSeconds: string;
  teamIds: string[];
  agentIds: string[];
  excludedAgentIds: string[];
  notifySupervisors: boolean;
  contentIds: string[];
}

export const lines = (text: string): string[] =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

export function draftOf(notification: MomentNotification | undefined): NotificationDraft {
  const criteria = notification?.criteria;
  return {
    name: notification?.name ?? "",
    description: notification?.description ?? "",
    enabled: notification?.enabled ?? true,
    anyOf: (criteria?.anyOf ?? []).join("\n"),
    allOf: (criteria?.allOf ?? []).join("\n"),
    exclude: (criteria?.exclude ?? []).join("\n"),
    notMentioned: (criteria?.notMentioned?.phrases ?? []).join("\n"),
    withinSeconds: String(criteria?.notMentioned?.withinSeconds ?? 60),
    speaker: criteria?.speaker ?? "either",
    channels: criteria?.channels ?? [],
    frequency: criteria?.frequency.kind ?? "once",
    cooldownSeconds: String(criteria?.frequency.kind === "every" ? criteria.frequency.cooldownSeconds : 60),
    teamIds: notification?.targets.teams.map((team) => team.id) ?? [],
    agentIds: notification?.targets.agents.map((agent) => agent.id) ?? [],
    excludedAgentIds: notification?.targets.excludedAgents.map((agent) => agent.id) ?? [],
    notifySupervisors: notification?.targets.notifySupervisors ?? false,
    contentIds: notification?.contents.map((content) => content.id) ?? [],
  };
}

/** The criteria to send: an agent's own notification has phrases only (the server refuses more). */
export function criteriaOf(draft: NotificationDraft, manager: boolean) {
  if (!manager) {
    return { anyOf: lines(draft.anyOf) };
  }
  const notMentioned = lines(draft.notMentioned);
  return {
    anyOf: lines(draft.anyOf),
    allOf: lines(draft.allOf),
    exclude: lines(draft.exclude),
    notMentioned: notMentioned.length > 0 ? { phrases: notMentioned, withinSeconds: Number(draft.withinSeconds) } : null,
    speaker: draft.speaker,
    channels: draft.channels,
    frequency: draft.frequency === "once" ? { kind: "once" as const } : { kind: "every" as const, cooldownSeconds: Number(draft.cooldownSeconds) },
  };
}

export function requestOf(draft: NotificationDraft, manager: boolean) {
  return {
    name: draft.name,
    description: draft.description,
    enabled: draft.enabled,
    criteria: criteriaOf(draft, manager),
    contentIds: draft.contentIds,
    ...(manager ? { targets: { teamIds: draft.teamIds, agentIds: draft.agentIds, excludedAgentIds: draft.excludedAgentIds, notifySupervisors: draft.notifySupervisors } } : {}),
  };
}

const FIELDS = ["name", "description", "criteria.anyOf", "criteria.allOf", "criteria.exclude", "criteria.notMentioned", "criteria.frequency", "targets", "contentIds", "title", "bodyHtml", "links"] as const;

/** Field errors of the editor, keyed by the form's field ("criteria.anyOf"), from the server's 400 details. */
export function momentFieldErrors(error: unknown): Partial<Record<string, string>> {
  const errors: Partial<Record<string, string>> = {};
  for (const issue of fieldIssuesOf(error)) {
    const field = FIELDS.find((candidate) => issue.field === candidate || issue.field.startsWith(`${candidate}.`)) ?? "form";
    const message = issue.message.replace(/^[\w.]+: /, "");
    errors[field] ??= message.charAt(0).toUpperCase() + message.slice(1);
  }
  return errors;
}
