import type { AgentTab } from "../agents/agent-tab.ts";
import { AgentSecurityTab } from "./agent-security-tab.tsx";

export const agentSecurityTabs: AgentTab[] = [{ id: "security", label: "Security", roles: ["admin", "supervisor"], Component: AgentSecurityTab }];
