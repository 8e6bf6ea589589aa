import { useClientLogShipping } from "./use-client-log-shipping.ts";

// Seed 002: "As logs are enabled, the Agent receives a corresponding notification." A polite live region,
// present from the start so the change is announced, showing a badge for as long as logs are shipped.
export function ClientLogIndicator() {
  const { enabled, level } = useClientLogShipping();
  return (
    <div role="status" aria-live="polite">
      {enabled ? <span className="connection-indicator">Client logs on ({level})</span> : null}
    </div>
  );
}
