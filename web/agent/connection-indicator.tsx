import { useConnectionState } from "../realtime/use-connection-state.ts";
import type { ConnectionState } from "../realtime/realtime-client.ts";

const LABELS: Record<ConnectionState, { text: string; tone: string }> = {
  connecting: { text: "Connecting…", tone: "neutral" },
  live: { text: "Live", tone: "success" },
  reconnecting: { text: "Reconnecting…", tone: "warning" },
  offline: { text: "Offline", tone: "danger" },
};

// Whether new interactions reach this desktop right now. Polite: announced without interrupting work.
export function ConnectionIndicator() {
  const { text, tone } = LABELS[useConnectionState()];
  return (
    <p className="connection-indicator" role="status" aria-live="polite">
      <span className={`status-dot status-dot-${tone}`} aria-hidden="true" />
      <span className="visually-hidden">Connection: </span>
      {text}
    </p>
  );
}
