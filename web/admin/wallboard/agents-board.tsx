import { useDeferredValue, useMemo, useState } from "react";
import type { WallboardAgent } from "../../../common/api/wallboard.ts";
import { SelectField } from "../../components/select-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import { AgentRow } from "./agent-row.tsx";
import { filterAgents, statusFilterOptions } from "./wallboard-format.ts";

function agentCount(shown: number, total: number): string {
  const noun = total === 1 ? "agent" : "agents";
  return shown === total ? `${total} ${noun}` : `${shown} of ${total} ${noun}`;
}

interface AgentsBoardProps {
  agents: readonly WallboardAgent[];
  serverOffset: number;
}

// Every agent in the viewer's scope, filtered in the page: the board already holds them all, live.
export function AgentsBoard({ agents, serverOffset }: AgentsBoardProps) {
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState("");
  const deferredSearch = useDeferredValue(search);
  const options = useMemo(() => statusFilterOptions(agents), [agents]);
  // A custom status nobody holds any more stays selectable while it is the filter.
  const choices = options.some((option) => option.value === status) ? options : [...options, { value: status, label: status.replace(/^custom:/, "") }];
  const shown = useMemo(() => filterAgents(agents, { status, search: deferredSearch }), [agents, status, deferredSearch]);

  return (
    <section className="section" aria-labelledby="wallboard-agents">
      <h2 className="section-title" id="wallboard-agents">
        Agents
      </h2>
      <div className="toolbar" role="search" aria-label="Filter agents">
        <TextField label="Search agents" hint="Name or username" type="search" value={search} onChange={setSearch} maxLength={100} />
        <SelectField label="Status" value={status} options={choices} onChange={setStatus} />
      </div>
      <p className="wallboard-muted" role="status">
        {agentCount(shown.length, agents.length)}
      </p>
      <div className="table-scroll">
        <table className="table wallboard-agents-table">
          <caption className="visually-hidden">Agents, their status, load per channel, open tabs and pending offers</caption>
          {/* Fixed column widths: a status or a load that changes never moves the other columns. */}
          <colgroup>
            <col className="wallboard-column-agent" />
            <col className="wallboard-column-status" />
            <col className="wallboard-column-time" />
            <col className="wallboard-column-load" />
            <col className="wallboard-column-count" />
            <col className="wallboard-column-count" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col">Status</th>
              <th scope="col">Time in status</th>
              <th scope="col">Load</th>
              <th scope="col">Open tabs</th>
              <th scope="col">Offers</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((agent) => (
              <AgentRow key={agent.id} agent={agent} serverOffset={serverOffset} />
            ))}
          </tbody>
        </table>
        {shown.length === 0 ? <p className="wallboard-empty">{agents.length === 0 ? "No agents to show." : "No agent matches these filters."}</p> : null}
      </div>
    </section>
  );
}
