import type { Typology } from "../../../common/domain/agent-record.ts";
import { AgentAccountTab } from "./agent-account-tab.tsx";
import type { AgentTab } from "./agent-tab.ts";
import { AgentTypologyTab } from "./agent-typology-tab.tsx";
import { AgentVoiceTab } from "./agent-voice-tab.tsx";

const MANAGERS = ["admin", "supervisor"] as const;

// A tab whose id is a typology shows only for agents of that typology (agent-tab-routes.tsx, isTabShown).
function typologyTab(typology: Typology, label: string): AgentTab {
  return { id: typology, label, roles: MANAGERS, Component: ({ agentId }) => <AgentTypologyTab agentId={agentId} typology={typology} /> };
}

export const agentRecordTabs: AgentTab[] = [
  { id: "account", label: "Account", roles: MANAGERS, Component: AgentAccountTab },
  { id: "voice", label: "Voice", roles: MANAGERS, Component: AgentVoiceTab },
  typologyTab("phonebar", "Phonebar"),
  typologyTab("webrtc", "WebRTC"),
  typologyTab("external", "External"),
  typologyTab("mobile", "Mobile"),
];
