import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { Channel } from "../../../common/domain/channels.ts";
import { groupQueryKeys, listGroups, type GroupKind } from "../../api/groups.api.ts";
import { TextField } from "../../components/text-field.tsx";
import { useDebouncedValue } from "./use-debounced-value.ts";

const CHOICES = 200;

interface GroupChooserProps {
  kind: GroupKind;
  label: string;
  /** Groups the agent is already in: not offered again. */
  excluded: ReadonlySet<string>;
  channel?: Channel | undefined;
  value: string;
  onChange: (groupId: string) => void;
}

// A select of the groups the person may see (server-side, by name), with a search to narrow long lists.
export function GroupChooser({ kind, label, excluded, channel, value, onChange }: GroupChooserProps) {
  const id = useId();
  const [search, setSearch] = useState("");
  const debounced = useDebouncedValue(search.trim());
  const params = { page: 1, pageSize: CHOICES, search: debounced || undefined, channel };
  const groups = useQuery({ queryKey: groupQueryKeys.list(kind, params), queryFn: () => listGroups(kind, params), placeholderData: keepPreviousData });
  const choices = (groups.data?.items ?? []).filter((group) => !excluded.has(group.id));
  const more = (groups.data?.total ?? 0) > CHOICES;
  const selected = choices.some((group) => group.id === value) ? value : "";
  return (
    <>
      {more || debounced ? <TextField label={`Find a ${kind}`} type="search" value={search} onChange={setSearch} autoComplete="off" /> : null}
      <div className="field">
        <label className="field-label" htmlFor={id}>
          {label}
        </label>
        <select id={id} className="field-input" value={selected} onChange={(event) => onChange(event.target.value)} disabled={groups.isPending}>
          <option value="">{groups.isPending ? "Loading…" : choices.length === 0 ? `No ${kind} to add` : `Choose a ${kind}`}</option>
          {choices.map((group) => (
            <option key={group.id} value={group.id}>
              {group.name}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
