import { useQuery } from "@tanstack/react-query";
import { clientLogQueryKeys, fetchAgentClientLogSettings } from "../../api/client-logs.api.ts";
import { LoadError } from "../../components/load-error.tsx";
import { ClientLogSettingsForm } from "./client-log-settings-form.tsx";
import { ClientLogTable } from "./client-log-table.tsx";
import { useAgentLiveUpdates } from "./use-agent-live-updates.ts";

// product.md, The agent record: client logs on/off with a minimum level; the desktop ships, admins read.
export function AgentClientLogsTab({ agentId }: { agentId: string }) {
  useAgentLiveUpdates(agentId);
  const settings = useQuery({ queryKey: clientLogQueryKeys.agentSettings(agentId), queryFn: () => fetchAgentClientLogSettings(agentId) });
  return (
    <section className="section" aria-labelledby="agent-client-logs-title">
      <h2 className="section-title" id="agent-client-logs-title">
        Client logs
      </h2>
      {settings.isError ? (
        <LoadError message="The agent's client-log setting could not be loaded." onRetry={() => void settings.refetch()} />
      ) : settings.data ? (
        <div className="card card-narrow">
          <ClientLogSettingsForm agentId={agentId} settings={settings.data} />
        </div>
      ) : (
        <p role="status">Loading…</p>
      )}
      <ClientLogTable agentId={agentId} />
    </section>
  );
}
