import type { WallboardAgent } from "../../../common/api/wallboard.ts";
import type { PresenceStatus } from "../../../common/domain/presence.ts";

const STATUS_LABELS: Readonly<Record<PresenceStatus, string>> = {
  offline: "Offline",
  ready: "Ready",
  "on-call": "On call",
  custom: "Custom status",
};

/** What the status column says: the custom status's own name (Break, Lunch…) rather than "custom". */
export function statusLabel(agent: Pick<WallboardAgent, "status" | "customStatusName">): string {
  if (agent.status === "custom" && agent.customStatusName) {
    return agent.customStatusName;
  }
  return STATUS_LABELS[agent.status];
}

/** "0:07", "12:34", "1:02:03": a duration in whole seconds, never negative. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}

/** A status filter: "" (any), a presence status, or `custom:<name>` for one custom status. */
export type StatusFilter = string;

export interface StatusFilterOption {
  value: StatusFilter;
  label: string;
}

/** Any, the fixed statuses, then each custom status on the board by name. */
export function statusFilterOptions(agents: readonly WallboardAgent[]): StatusFilterOption[] {
  const customNames = [...new Set(agents.flatMap((agent) => (agent.status === "custom" && agent.customStatusName ? [agent.customStatusName] : [])))].sort((left, right) =>
    left.localeCompare(right),
  );
  return [
    { value: "", label: "Any status" },
    { value: "ready", label: "Ready" },
    { value: "on-call", label: "On call" },
    { value: "custom", label: "Any custom status" },
    ...customNames.map((name) => ({ value: `custom:${name}`, label: name })),
    { value: "offline", label: "Offline" },
    { value: "disconnected", label: "Not connected" },
  ];
}

function matchesStatus(agent: WallboardAgent, filter: StatusFilter): boolean {
  if (filter === "") {
    return true;
  }
  if (filter === "disconnected") {
    return !agent.connected;
  }
  if (filter.startsWith("custom:")) {
    return agent.status === "custom" && agent.customStatusName === filter.slice("custom:".length);
  }
  return agent.status === filter;
}

/** The agents the filters keep: a status, and a search in the full name and username (any case). */
export function filterAgents(agents: readonly WallboardAgent[], filters: { status: StatusFilter; search: string }): WallboardAgent[] {
  const search = filters.search.trim().toLocaleLowerCase();
  return agents.filter(
    (agent) =>
      matchesStatus(agent, filters.status) &&
      (search === "" || agent.fullName.toLocaleLowerCase().includes(search) || agent.username.toLocaleLowerCase().includes(search)),
  );
}
