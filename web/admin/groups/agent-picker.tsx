import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState, type ReactNode } from "react";
import { groupQueryKeys, searchAgents, type AgentChoice } from "../../api/groups.api.ts";
import { TextField } from "../../components/text-field.tsx";
import { useDebouncedValue } from "./use-debounced-value.ts";

interface AgentPickerProps {
  busy: boolean;
  submitLabel: string;
  onSubmit: (agents: AgentChoice[]) => void;
  /** Extra controls beside the button (a team role). */
  children?: ReactNode;
}

// A searchable list of agents (GET /api/v1/agents?search=) with a checkbox each: pick one or many, then add.
// Agents already in the group may be picked again: the server leaves them as they are.
export function AgentPicker({ busy, submitLabel, onSubmit, children }: AgentPickerProps) {
  const listId = useId();
  const [search, setSearch] = useState("");
  const debounced = useDebouncedValue(search.trim());
  const [picked, setPicked] = useState<Map<string, AgentChoice>>(new Map());
  const agents = useQuery({ queryKey: groupQueryKeys.agentSearch(debounced), queryFn: () => searchAgents(debounced), placeholderData: keepPreviousData });

  const toggle = (agent: AgentChoice, on: boolean) => {
    setPicked((current) => {
      const next = new Map(current);
      if (on) {
        next.set(agent.id, agent);
      } else {
        next.delete(agent.id);
      }
      return next;
    });
  };

  return (
    <div className="section">
      <TextField label="Search agents" type="search" value={search} onChange={setSearch} hint="By name or username." autoComplete="off" />
      {agents.isError ? (
        <p role="alert">The agents could not be loaded.</p>
      ) : agents.data ? (
        agents.data.items.length === 0 ? (
          <p>No agent matches.</p>
        ) : (
          <ul className="picker-results" aria-label="Agents" id={listId}>
            {agents.data.items.map((agent) => (
              <li key={agent.id} className="picker-option">
                <input type="checkbox" id={`${listId}-${agent.id}`} checked={picked.has(agent.id)} onChange={(event) => toggle(agent, event.target.checked)} />
                <label htmlFor={`${listId}-${agent.id}`}>
                  {agent.fullName} <span className="picker-option-detail">{agent.username}</span>
                </label>
              </li>
            ))}
          </ul>
        )
      ) : (
        <p role="status">Loading…</p>
      )}
      <div className="membership-actions">
        {children}
        <button
          type="button"
          className="button button-primary"
          aria-disabled={busy || picked.size === 0}
          onClick={() => {
            if (!busy && picked.size > 0) {
              onSubmit([...picked.values()]);
              setPicked(new Map());
            }
          }}
        >
          {submitLabel}
          {picked.size > 0 ? ` (${picked.size})` : ""}
        </button>
      </div>
    </div>
  );
}
