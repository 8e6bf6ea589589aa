import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { AGENT_STATUSES, type ListAgentsQuery } from "../../../common/api/agents.ts";
import { TYPOLOGIES } from "../../../common/domain/agent-record.ts";
import { agentQueryKeys, listQueueOptions, listTeamOptions, type FilterOption } from "../../api/agents.api.ts";
import { TextField } from "../../components/text-field.tsx";
import { SelectField, type SelectOption } from "../../components/select-field.tsx";
import { STATUS_LABELS, TYPOLOGY_LABELS } from "./agent-labels.ts";

interface AgentFiltersProps {
  query: ListAgentsQuery;
  onChange: (changes: Partial<Record<keyof ListAgentsQuery, string | undefined>>) => void;
}

const SEARCH_DELAY_MS = 300;

function groupOptions(all: string, options: FilterOption[] | undefined, failed: boolean): SelectOption[] {
  if (failed) {
    return [{ value: "", label: `${all} (could not be loaded)` }];
  }
  return [{ value: "", label: all }, ...(options ?? []).map((option) => ({ value: option.id, label: option.name }))];
}

// Search as you type (after a short pause) and filter by team, queue, typology and status.
export function AgentFilters({ query, onChange }: AgentFiltersProps) {
  const [search, setSearch] = useState(query.search ?? "");
  const teams = useQuery({ queryKey: agentQueryKeys.teamOptions, queryFn: listTeamOptions, staleTime: 60_000 });
  const queues = useQuery({ queryKey: agentQueryKeys.queueOptions, queryFn: listQueueOptions, staleTime: 60_000 });

  useEffect(() => {
    if (search.trim() === (query.search ?? "")) {
      return undefined;
    }
    const timer = setTimeout(() => onChange({ search: search.trim() || undefined }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, query.search, onChange]);

  return (
    <div className="agents-filters" role="search" aria-label="Search and filter agents">
      <TextField
        label="Search"
        hint="Name, username, alias, e-mail or extension"
        type="search"
        value={search}
        onChange={setSearch}
        maxLength={100}
      />
      <SelectField label="Team" value={query.teamId ?? ""} options={groupOptions("All teams", teams.data, teams.isError)} onChange={(teamId) => onChange({ teamId })} />
      <SelectField label="Queue" value={query.queueId ?? ""} options={groupOptions("All queues", queues.data, queues.isError)} onChange={(queueId) => onChange({ queueId })} />
      <SelectField
        label="Typology"
        value={query.typology ?? ""}
        options={[{ value: "", label: "All typologies" }, ...TYPOLOGIES.map((typology) => ({ value: typology, label: TYPOLOGY_LABELS[typology] }))]}
        onChange={(typology) => onChange({ typology })}
      />
      <SelectField
        label="Status"
        value={query.status ?? ""}
        options={[{ value: "", label: "Any status" }, ...AGENT_STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] }))]}
        onChange={(status) => onChange({ status })}
      />
    </div>
  );
}
