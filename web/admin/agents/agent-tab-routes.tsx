import { Navigate, useOutletContext } from "react-router";
import type { Agent } from "../../../common/api/agents.ts";
import { TYPOLOGIES, type Typology } from "../../../common/domain/agent-record.ts";
import type { Role } from "../../../common/domain/roles.ts";
import { useCurrentUser } from "../../hooks/use-session.ts";
import type { AgentTab } from "./agent-tab.ts";
import { agentTabs } from "./agent-tabs.ts";

export interface AgentPageContext {
  agent: Agent;
}

/** A tab named after a typology (the typology's settings) shows only for agents of that typology. */
export function isTabShown(tab: AgentTab, agent: Pick<Agent, "typology">, role: Role): boolean {
  if (!tab.roles.includes(role)) {
    return false;
  }
  return !(TYPOLOGIES as readonly string[]).includes(tab.id) || tab.id === (agent.typology satisfies Typology);
}

/** /admin/agents/:agentId/<tab>: the tab's own page, or the first tab when this one is not shown. */
export function AgentTabRoute({ tab }: { tab: AgentTab }) {
  const { agent } = useOutletContext<AgentPageContext>();
  if (!isTabShown(tab, agent, useCurrentUser().role)) {
    return <FirstAgentTab />;
  }
  return <tab.Component agentId={agent.id} />;
}

/** /admin/agents/:agentId: goes to the first tab this person may see. */
export function FirstAgentTab() {
  const { agent } = useOutletContext<AgentPageContext>();
  const role = useCurrentUser().role;
  const first = agentTabs.find((tab) => isTabShown(tab, agent, role));
  return first ? <Navigate to={`/admin/agents/${agent.id}/${first.id}`} replace /> : <p>Nothing to show for this agent.</p>;
}
