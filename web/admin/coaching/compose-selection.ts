import type { AgentStatus } from "../../../common/api/agents.ts";
import type { CoachingFilters, CoachingGroupKind, CoachingTargetInput, ListRecipientsParams } from "../../../common/api/coaching.ts";
import type { Typology } from "../../../common/domain/agent-record.ts";

// What the compose page has chosen: the list's filters (a group and the agents list's filters) and one agent.

export interface RecipientFilterValues {
  groupKind: CoachingGroupKind | "";
  groupId: string;
  search: string;
  status: AgentStatus | "";
  typology: Typology | "";
}

export const NO_FILTERS: RecipientFilterValues = { groupKind: "", groupId: "", search: "", status: "", typology: "" };

export const GROUP_KIND_LABELS: Record<CoachingGroupKind, string> = { team: "Team", queue: "Queue", campaign: "Campaign", list: "List" };

export function filtersOf(values: RecipientFilterValues): CoachingFilters {
  return {
    ...(values.search.trim() ? { search: values.search.trim() } : {}),
    ...(values.status ? { status: values.status } : {}),
    ...(values.typology ? { typology: values.typology } : {}),
  };
}

/** The agent list's query: the group's agents (or every agent the sender may message) with the filters. */
export function recipientListParams(values: RecipientFilterValues, page: number, pageSize: number): ListRecipientsParams {
  const group = values.groupKind && values.groupId ? { groupKind: values.groupKind, groupId: values.groupId } : {};
  return { ...group, ...filtersOf(values), page, pageSize };
}

/** The group target, once a group is picked: the server resolves its agents with the same filters. */
export function groupTarget(values: RecipientFilterValues): CoachingTargetInput | null {
  if (!values.groupKind || !values.groupId) {
    return null;
  }
  return { kind: "group", groupKind: values.groupKind, groupId: values.groupId, filters: filtersOf(values) };
}
