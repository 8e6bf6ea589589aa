import type { AgentTab } from "../agents/agent-tab.ts";
import { AgentChannelsTab } from "./agent-channels-tab.tsx";
import { AgentClientLogsTab } from "./agent-client-logs-tab.tsx";
import { AgentLicencesTab } from "./agent-licences-tab.tsx";
import { AgentPermissionsTab } from "./agent-permissions-tab.tsx";

// Supervisors see these tabs only for the agents of their queues: the server answers 404 for the others.
export const agentChannelTabs: AgentTab[] = [
  { id: "channels", label: "Channels", roles: ["admin", "supervisor"], Component: AgentChannelsTab },
  { id: "licences", label: "Licences", roles: ["admin", "supervisor"], Component: AgentLicencesTab },
  { id: "permissions", label: "Permissions", roles: ["admin", "supervisor"], Component: AgentPermissionsTab },
  { id: "client-logs", label: "Client logs", roles: ["admin", "supervisor"], Component: AgentClientLogsTab },
];
