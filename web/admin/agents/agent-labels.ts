import type { AgentStatus } from "../../../common/api/agents.ts";
import type { ToastPosition, Typology } from "../../../common/domain/agent-record.ts";

export const TYPOLOGY_LABELS: Record<Typology, string> = { webrtc: "WebRTC", phonebar: "Phonebar", external: "External", mobile: "Mobile" };
export const STATUS_LABELS: Record<AgentStatus, string> = { active: "Active", disabled: "Disabled", locked: "Locked" };
export const TOAST_POSITION_LABELS: Record<ToastPosition, string> = {
  "top-left": "Top left",
  "top-center": "Top center",
  "top-right": "Top right",
  "bottom-left": "Bottom left",
  "bottom-center": "Bottom center",
  "bottom-right": "Bottom right",
};
