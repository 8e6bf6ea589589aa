import { useQuery } from "@tanstack/react-query";
import { queryKeys } from "../api/query-keys.ts";
import { fetchReadiness } from "../api/system.api.ts";

const READINESS_REFRESH_MILLISECONDS = 30_000;

function readinessLabel(ready: boolean | undefined, failed: boolean): { label: string; tone: string } {
  if (failed) {
    return { label: "Unreachable", tone: "danger" };
  }
  if (ready === undefined) {
    return { label: "Checking…", tone: "neutral" };
  }
  return ready ? { label: "Ready", tone: "success" } : { label: "Not ready: database unavailable", tone: "danger" };
}

// GET /readyz: whether the server can serve requests (its database answers).
export function ServerReadiness() {
  const readiness = useQuery({
    queryKey: queryKeys.readiness,
    queryFn: fetchReadiness,
    refetchInterval: READINESS_REFRESH_MILLISECONDS,
    staleTime: 0,
  });
  const { label, tone } = readinessLabel(readiness.data?.ready, readiness.isError && readiness.data === undefined);
  return (
    <p className="status-line" role="status">
      <span className={`status-dot status-dot-${tone}`} aria-hidden="true" />
      {label}
    </p>
  );
}
