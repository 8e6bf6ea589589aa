import type { ConsoleSection } from "../console-section.ts";
import { AgentPage } from "./agent-page.tsx";
import { AgentTabRoute, FirstAgentTab } from "./agent-tab-routes.tsx";
import { agentTabs } from "./agent-tabs.ts";
import { AgentsPage } from "./agents-page.tsx";

// /admin/agents (the list) and /admin/agents/:agentId/<tab> (the agent page, one nested route per tab).
export const agentsSections: ConsoleSection[] = [
  {
    path: "agents",
    label: "Agents",
    roles: ["admin", "supervisor"],
    element: <AgentsPage />,
    children: [
      {
        path: ":agentId",
        element: <AgentPage />,
        children: [{ index: true, element: <FirstAgentTab /> }, ...agentTabs.map((tab) => ({ path: tab.id, element: <AgentTabRoute tab={tab} /> }))],
      },
    ],
  },
];
