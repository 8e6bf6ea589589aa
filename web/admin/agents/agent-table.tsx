import { Link } from "react-router";
import type { AgentSummary, ListAgentsQuery } from "../../../common/api/agents.ts";
import { DateTime } from "../../components/date-time.tsx";
import { STATUS_LABELS, TYPOLOGY_LABELS } from "./agent-labels.ts";

type Sort = ListAgentsQuery["sort"];

interface AgentTableProps {
  agents: readonly AgentSummary[];
  sort: Sort;
  order: ListAgentsQuery["order"];
  onSort: (sort: Sort, order: ListAgentsQuery["order"]) => void;
  selected: ReadonlySet<string>;
  onSelect: (agentIds: readonly string[], selected: boolean) => void;
}

function SortableHeader({ label, column, sort, order, onSort }: { label: string; column: Sort } & Pick<AgentTableProps, "sort" | "order" | "onSort">) {
  const active = sort === column;
  const next = active && order === "asc" ? "desc" : "asc";
  return (
    <th scope="col" aria-sort={active ? (order === "asc" ? "ascending" : "descending") : "none"}>
      <button type="button" className="agents-sort" onClick={() => onSort(column, next)}>
        {label}
        <span aria-hidden="true">{active ? (order === "asc" ? " ▲" : " ▼") : ""}</span>
        <span className="visually-hidden">{active ? `, sorted ${order === "asc" ? "ascending" : "descending"}` : ", sort"}</span>
      </button>
    </th>
  );
}

// One page of agents from the server; its headers sort, its checkboxes select for bulk actions.
export function AgentTable({ agents, sort, order, onSort, selected, onSelect }: AgentTableProps) {
  const pageIds = agents.map((agent) => agent.id);
  const allSelected = pageIds.length > 0 && pageIds.every((agentId) => selected.has(agentId));
  const sortProps = { sort, order, onSort };
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">Agents</caption>
        <thead>
          <tr>
            <th scope="col" className="agents-select-cell">
              <input type="checkbox" aria-label="Select all agents on this page" checked={allSelected} onChange={(event) => onSelect(pageIds, event.target.checked)} />
            </th>
            <SortableHeader label="Name" column="fullName" {...sortProps} />
            <SortableHeader label="Username" column="username" {...sortProps} />
            <SortableHeader label="Extension" column="extension" {...sortProps} />
            <th scope="col">Typology</th>
            <th scope="col">E-mail</th>
            <th scope="col">Status</th>
            <SortableHeader label="Created" column="createdAt" {...sortProps} />
          </tr>
        </thead>
        <tbody>
          {agents.map((agent) => (
            <tr key={agent.id}>
              <td className="agents-select-cell">
                <input type="checkbox" aria-label={`Select ${agent.fullName}`} checked={selected.has(agent.id)} onChange={(event) => onSelect([agent.id], event.target.checked)} />
              </td>
              <th scope="row">
                <Link to={`/admin/agents/${agent.id}`}>{agent.fullName}</Link>
                {agent.alias ? <span className="agents-muted"> ({agent.alias})</span> : null}
              </th>
              <td>{agent.username}</td>
              <td>{agent.extension ?? "—"}</td>
              <td>{TYPOLOGY_LABELS[agent.typology]}</td>
              <td>{agent.email ?? "—"}</td>
              <td>
                <span className={`agents-status agents-status-${agent.status}`}>{STATUS_LABELS[agent.status]}</span>
              </td>
              <td>
                <DateTime value={agent.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
