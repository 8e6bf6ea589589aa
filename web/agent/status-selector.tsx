import { useId, useState } from "react";
import type { Presence, SetStatusRequest } from "../../common/api/presence.ts";
import { setOwnStatus } from "../api/presence.api.ts";
import { useCustomStatuses, useOwnPresence } from "./presence-queries.ts";
import { StatusSince } from "./status-since.tsx";
import { usePresenceChange } from "./use-presence-change.ts";

const READY = "ready";
const OFFLINE = "offline";

function valueOf(presence: Presence): string {
  if (presence.status === "custom" && presence.customStatus !== null) {
    return presence.customStatus.id;
  }
  return presence.status === "ready" ? READY : OFFLINE;
}

// The agent's status: Ready or one of the admin's custom statuses, with the time it began. On a call the
// telephony events set the status, so it is shown, not chosen (product.md, Presence).
export function StatusSelector() {
  const presence = useOwnPresence();
  const customStatuses = useCustomStatuses();
  const selectId = useId();
  const change = usePresenceChange(setOwnStatus, "Status not changed");
  // The choice shows at once, in the same render as the change, until the server's answer is in.
  const [chosen, setChosen] = useState<string | null>(null);
  if (!presence.data) {
    return <p className="presence-status">{presence.isError ? "Status unavailable" : "Status…"}</p>;
  }
  if (presence.data.status === "on-call") {
    return (
      <p className="presence-status">
        <span className="status-dot status-dot-warning" aria-hidden="true" />
        <span>
          <span className="visually-hidden">Status: </span>On a call
        </span>
        <StatusSince since={presence.data.statusSince} />
      </p>
    );
  }
  const current = valueOf(presence.data);
  const shown = chosen ?? current;
  const statuses = [...(customStatuses.data ?? [])].sort((left, right) => left.position - right.position);
  const choose = (value: string): void => {
    const custom = statuses.find((status) => status.id === value);
    const request: SetStatusRequest | null = value === READY ? { status: "ready" } : custom ? { status: "custom", customStatusId: custom.id } : null;
    if (request) {
      setChosen(value);
      change.mutate(request, { onSettled: () => setChosen(null) });
    }
  };
  return (
    <div className="presence-status">
      <span className={`status-dot status-dot-${current === READY ? "success" : "neutral"}`} aria-hidden="true" />
      <label className="visually-hidden" htmlFor={selectId}>
        Status
      </label>
      <select
        id={selectId}
        className="field-input presence-select"
        value={shown}
        aria-busy={change.isPending}
        onChange={(event) => choose(event.target.value)}
      >
        {current === OFFLINE ? (
          <option value={OFFLINE} disabled>
            Offline
          </option>
        ) : null}
        <option value={READY}>Ready</option>
        {statuses.map((status) => (
          <option key={status.id} value={status.id}>
            {status.pausesRouting ? status.name : `${status.name} (takes new work)`}
          </option>
        ))}
      </select>
      <StatusSince since={presence.data.statusSince} />
    </div>
  );
}
