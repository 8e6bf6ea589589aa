import { useState } from "react";
import { Link, NavLink, Outlet, useNavigate, useParams } from "react-router";
import { isApiError } from "../../api/api-error.ts";
import { LoadError } from "../../components/load-error.tsx";
import { useDocumentTitle } from "../../hooks/use-document-title.ts";
import { useCurrentUser } from "../../hooks/use-session.ts";
import { STATUS_LABELS, TYPOLOGY_LABELS } from "./agent-labels.ts";
import { isTabShown, type AgentPageContext } from "./agent-tab-routes.tsx";
import { agentTabs } from "./agent-tabs.ts";
import { ChangePasswordDialog } from "./change-password-dialog.tsx";
import { DeleteAgentsDialog } from "./delete-agents-dialog.tsx";
import { useAgent } from "./use-agent.ts";
import "./agents.css";

// /admin/agents/:agentId: who the agent is, the actions on them, and the tabs every area contributes.
export function AgentPage() {
  const { agentId = "" } = useParams();
  const role = useCurrentUser().role;
  const navigate = useNavigate();
  const { agent, deleted } = useAgent(agentId);
  const [changingPassword, setChangingPassword] = useState(false);
  const [deleting, setDeleting] = useState(false);
  useDocumentTitle(agent.data ? agent.data.fullName : "Agent");

  if (deleted) {
    return <AgentGone message="This agent has just been deleted." />;
  }
  if (!agent.data) {
    if (isApiError(agent.error) && agent.error.status === 404) {
      return <AgentGone message="There is no such agent, or it is not one of yours." />;
    }
    return agent.isError ? <LoadError message="The agent could not be loaded." onRetry={() => void agent.refetch()} /> : <p role="status">Loading…</p>;
  }
  const current = agent.data;
  const context: AgentPageContext = { agent: current };
  return (
    <>
      <p className="agents-breadcrumb">
        <Link to="/admin/agents">Agents</Link>
      </p>
      <div className="agents-heading">
        <div>
          <h1 className="page-title">{current.fullName}</h1>
          <p className="agents-muted">
            {current.username} · extension {current.extension ?? "none"} · {TYPOLOGY_LABELS[current.typology]} ·{" "}
            <span className={`agents-status agents-status-${current.status}`}>{STATUS_LABELS[current.status]}</span>
          </p>
        </div>
        <div className="agents-heading-actions">
          <button type="button" className="button" onClick={() => setChangingPassword(true)}>
            Change password
          </button>
          <button type="button" className="button button-danger" onClick={() => setDeleting(true)}>
            Delete agent
          </button>
        </div>
      </div>
      <nav className="agents-tabs" aria-label="Agent settings">
        <ul>
          {agentTabs
            .filter((tab) => isTabShown(tab, current, role))
            .map((tab) => (
              <li key={tab.id}>
                <NavLink to={`/admin/agents/${current.id}/${tab.id}`} className="agents-tab">
                  {tab.label}
                </NavLink>
              </li>
            ))}
        </ul>
      </nav>
      <section className="agents-tab-panel">
        <Outlet context={context} />
      </section>
      <ChangePasswordDialog agentId={current.id} open={changingPassword} onClose={() => setChangingPassword(false)} />
      <DeleteAgentsDialog agentIds={deleting ? [current.id] : null} onClose={() => setDeleting(false)} onDeleted={() => void navigate("/admin/agents")} />
    </>
  );
}

function AgentGone({ message }: { message: string }) {
  return (
    <div className="empty-state" role="status">
      <p>{message}</p>
      <p>
        <Link to="/admin/agents">Back to the agents</Link>
      </p>
    </div>
  );
}
