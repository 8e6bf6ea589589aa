import type { WallboardAgent } from "../../../common/api/wallboard.ts";
import { statusLabel } from "./wallboard-format.ts";

// Colour and text together: the colour is a hint, the words say it (WCAG 1.4.1).
const TONES = { ready: "ready", "on-call": "on-call", custom: "custom", offline: "offline" } as const;

export function AgentStatus({ agent }: { agent: WallboardAgent }) {
  const disconnected = !agent.connected && agent.status !== "offline";
  return (
    <span className={`wallboard-status wallboard-status-${TONES[agent.status]}`}>
      <span className="wallboard-status-dot" aria-hidden="true" />
      <span>{statusLabel(agent)}</span>
      {disconnected ? <span className="wallboard-muted"> (not connected)</span> : null}
    </span>
  );
}
