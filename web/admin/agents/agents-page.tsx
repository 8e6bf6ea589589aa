import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { MAX_EXPORT_IDS } from "../../../common/api/agents.ts";
import { agentExportUrl, agentQueryKeys, listAgents } from "../../api/agents.api.ts";
import { LoadError } from "../../components/load-error.tsx";
import { useDocumentTitle } from "../../hooks/use-document-title.ts";
import { useCurrentUser } from "../../hooks/use-session.ts";
import { useRealtimeEvent } from "../../realtime/use-realtime-event.ts";
import { AgentFilters } from "./agent-filters.tsx";
import { AgentTable } from "./agent-table.tsx";
import { AgentsPagination } from "./agents-pagination.tsx";
import { DeleteAgentsDialog } from "./delete-agents-dialog.tsx";
import { NewAgentDialog } from "./new-agent-dialog.tsx";
import { useAgentListParams } from "./use-agent-list-params.ts";
import "./agents.css";

// seed 002, Staff → Agents: the list (search, filters, sort, pages), bulk delete and export, new agent.
export function AgentsPage() {
  useDocumentTitle("Agents");
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const { query, filters, update } = useAgentListParams();
  const agents = useQuery({ queryKey: agentQueryKeys.list(query), queryFn: () => listAgents(query), placeholderData: keepPreviousData });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [toDelete, setToDelete] = useState<readonly string[] | null>(null);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState("");

  const refresh = () => void queryClient.invalidateQueries({ queryKey: agentQueryKeys.all });
  useRealtimeEvent("agent.created", refresh);
  useRealtimeEvent("agent.updated", refresh);
  // Locked, unlocked, disabled or enabled: the status column changes.
  useRealtimeEvent("user.updated", refresh);
  useRealtimeEvent("agent.deleted", ({ agentId }) => {
    setSelected((previous) => new Set([...previous].filter((id) => id !== agentId)));
    refresh();
  });

  const select = (agentIds: readonly string[], on: boolean) =>
    setSelected((previous) => {
      const next = new Set(previous);
      for (const agentId of agentIds) {
        if (on) {
          next.add(agentId);
        } else {
          next.delete(agentId);
        }
      }
      return next;
    });
  const selectedIds = [...selected];
  const tooManyToExport = selectedIds.length > MAX_EXPORT_IDS;

  return (
    <>
      <div className="agents-heading">
        <h1 className="page-title">Agents</h1>
        {user.role === "admin" ? (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            New agent
          </button>
        ) : null}
      </div>
      <AgentFilters query={query} onChange={update} />
      <div className="agents-actions" aria-label="Selected agents" role="group">
        <span className="agents-muted">{selectedIds.length === 0 ? "No agent selected" : `${selectedIds.length} selected`}</span>
        <button type="button" className="button button-small button-danger" disabled={selectedIds.length === 0} onClick={() => setToDelete(selectedIds)}>
          Delete selected
        </button>
        {selectedIds.length === 0 || tooManyToExport ? (
          <button type="button" className="button button-small" disabled title={tooManyToExport ? `At most ${MAX_EXPORT_IDS}: export all matching instead` : undefined}>
            Export selected
          </button>
        ) : (
          <a className="button button-small" href={agentExportUrl({ agentIds: selectedIds })} download>
            Export selected
          </a>
        )}
        <a className="button button-small" href={agentExportUrl(filters)} download>
          Export all matching
        </a>
        {selectedIds.length > 0 ? (
          <button type="button" className="button button-small" onClick={() => setSelected(new Set())}>
            Clear selection
          </button>
        ) : null}
        <p className="form-status" role="status">
          {notice}
        </p>
      </div>
      {agents.data ? (
        agents.data.items.length === 0 ? (
          <div className="empty-state">
            <p>No agent matches. Change the search or the filters{user.role === "admin" ? ", or create an agent" : ""}.</p>
          </div>
        ) : (
          <AgentTable agents={agents.data.items} sort={query.sort} order={query.order} onSort={(sort, order) => update({ sort, order })} selected={selected} onSelect={select} />
        )
      ) : agents.isError ? (
        <LoadError message="The agents could not be loaded." onRetry={() => void agents.refetch()} />
      ) : (
        <p role="status">Loading…</p>
      )}
      {agents.data ? <AgentsPagination page={query.page} pageSize={query.pageSize} total={agents.data.total} onPageChange={(page) => update({ page })} /> : null}
      <DeleteAgentsDialog
        agentIds={toDelete}
        onClose={() => setToDelete(null)}
        onDeleted={(count) => {
          setToDelete(null);
          setSelected(new Set());
          setNotice(`Deleted ${count} ${count === 1 ? "agent" : "agents"}.`);
        }}
      />
      <NewAgentDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
