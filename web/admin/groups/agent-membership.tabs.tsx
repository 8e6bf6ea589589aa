import type { AgentTab } from "../agents/agent-tab.ts";
import { AgentMembershipsTab } from "./agent-memberships-tab.tsx";
import "./groups.css";

// Supervisors see this tab only for the agents of their queues: the server answers 404 for the others.
export const agentMembershipTabs: AgentTab[] = [{ id: "memberships", label: "Teams & queues", roles: ["admin", "supervisor"], Component: AgentMembershipsTab }];
