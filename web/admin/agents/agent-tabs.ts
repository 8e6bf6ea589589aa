import { agentChannelTabs } from "../channels/agent-channel.tabs.tsx";
import { agentMembershipTabs } from "../groups/agent-membership.tabs.tsx";
import { agentSecurityTabs } from "../security-suite/agent-security.tabs.tsx";
import type { AgentTab } from "./agent-tab.ts";
import { agentRecordTabs } from "./agent-record.tabs.tsx";

// The agent page's tabs, in the order they are shown.
export const agentTabs: AgentTab[] = [...agentRecordTabs, ...agentMembershipTabs, ...agentChannelTabs, ...agentSecurityTabs];
