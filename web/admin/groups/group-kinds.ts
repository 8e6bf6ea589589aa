import type { Role } from "../../../common/domain/roles.ts";
import type { GroupKind } from "../../api/groups.api.ts";

export interface GroupKindInfo {
  kind: GroupKind;
  /** Path under /admin: "teams". */
  path: string;
  singular: string;
  plural: string;
  intro: string;
  /** Who may create, edit and delete; the server checks the same. */
  editors: readonly Role[];
  /** Who may add and remove members (supervisors: agents of their own queues). */
  staffers: readonly Role[];
}

export const GROUP_KINDS: Record<GroupKind, GroupKindInfo> = {
  team: {
    kind: "team",
    path: "teams",
    singular: "team",
    plural: "Teams",
    intro: "Agents grouped for supervision and reports. Each member is a team member or a team supervisor.",
    editors: ["admin"],
    staffers: ["admin"],
  },
  queue: {
    kind: "queue",
    path: "queues",
    singular: "queue",
    plural: "Queues",
    intro: "Where interactions of one channel wait for an agent. The strategy decides who is offered each one, and for how long.",
    editors: ["admin"],
    staffers: ["admin", "supervisor"],
  },
  campaign: {
    kind: "campaign",
    path: "campaigns",
    singular: "campaign",
    plural: "Campaigns",
    intro: "Agents working a campaign. Coaching messages can be sent to a whole campaign at once.",
    editors: ["admin"],
    staffers: ["admin"],
  },
  list: {
    kind: "list",
    path: "lists",
    singular: "list",
    plural: "Lists",
    intro: "Agents assigned to a contact list. Coaching messages can be sent to a whole list at once.",
    editors: ["admin"],
    staffers: ["admin"],
  },
};

const CHANNEL_LABELS: Record<string, string> = {
  voice: "Voice",
  chat: "Chat",
  sms: "SMS",
  email: "E-mail",
  whatsapp: "WhatsApp",
  messenger: "Messenger",
  instagram: "Instagram",
  fax: "Fax",
  openchannel: "Open channel",
};

export function channelLabel(channel: string): string {
  return CHANNEL_LABELS[channel] ?? channel;
}

const STRATEGY_LABELS: Record<string, string> = {
  "ring-all": "Ring all",
  "longest-idle": "Longest idle",
  "round-robin": "Round robin",
  "least-occupied": "Least occupied",
};

export function strategyLabel(strategy: string): string {
  return STRATEGY_LABELS[strategy] ?? strategy;
}
