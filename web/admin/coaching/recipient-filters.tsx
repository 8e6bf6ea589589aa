import { useQuery } from "@tanstack/react-query";
import { AGENT_STATUSES } from "../../../common/api/agents.ts";
import { COACHING_GROUP_KINDS, type CoachingGroupKind } from "../../../common/api/coaching.ts";
import { TYPOLOGIES } from "../../../common/domain/agent-record.ts";
import { groupQueryKeys, listGroups } from "../../api/groups.api.ts";
import { SelectField, type SelectOption } from "../../components/select-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import { STATUS_LABELS, TYPOLOGY_LABELS } from "../agents/agent-labels.ts";
import { GROUP_KIND_LABELS, type RecipientFilterValues } from "./compose-selection.ts";

interface RecipientFiltersProps {
  values: RecipientFilterValues;
  onChange: (changes: Partial<RecipientFilterValues>) => void;
}

const GROUP_PAGE = { page: 1, pageSize: 200 };

function useGroupOptions(kind: CoachingGroupKind | ""): { options: SelectOption[]; failed: boolean } {
  const groups = useQuery({
    queryKey: groupQueryKeys.list(kind || "team", GROUP_PAGE),
    queryFn: () => listGroups(kind || "team", GROUP_PAGE),
    enabled: kind !== "",
    staleTime: 30_000,
  });
  const options = (groups.data?.items ?? []).map((group) => ({ value: group.id, label: group.name }));
  return { options, failed: groups.isError };
}

// seed 001: the agent list on the left and the filters that affect it; a group by campaign, list, team or queue
// (a supervisor sees the queues they are enabled on), narrowed by the agents list's filters.
export function RecipientFilters({ values, onChange }: RecipientFiltersProps) {
  const groups = useGroupOptions(values.groupKind);
  const kindLabel = values.groupKind ? GROUP_KIND_LABELS[values.groupKind] : "Group";
  const groupChoices: SelectOption[] = [
    { value: "", label: groups.failed ? `Choose a ${kindLabel.toLowerCase()} (could not be loaded)` : `Choose a ${kindLabel.toLowerCase()}` },
    ...groups.options,
  ];
  return (
    <div className="coaching-filters" role="search" aria-label="Filter the agents">
      <SelectField
        label="Send to a group"
        value={values.groupKind}
        options={[{ value: "", label: "No group: one agent" }, ...COACHING_GROUP_KINDS.map((kind) => ({ value: kind, label: GROUP_KIND_LABELS[kind] }))]}
        onChange={(groupKind) => onChange({ groupKind, groupId: "" })}
      />
      {values.groupKind ? <SelectField label={kindLabel} value={values.groupId} options={groupChoices} onChange={(groupId) => onChange({ groupId })} /> : null}
      <TextField label="Search" hint="Name, username, alias, e-mail or extension" type="search" value={values.search} maxLength={100} onChange={(search) => onChange({ search })} />
      <SelectField
        label="Status"
        value={values.status}
        options={[{ value: "", label: "Any status" }, ...AGENT_STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] }))]}
        onChange={(status) => onChange({ status })}
      />
      <SelectField
        label="Typology"
        value={values.typology}
        options={[{ value: "", label: "All typologies" }, ...TYPOLOGIES.map((typology) => ({ value: typology, label: TYPOLOGY_LABELS[typology] }))]}
        onChange={(typology) => onChange({ typology })}
      />
    </div>
  );
}
