import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { AgentLicences } from "../../../common/api/licences.ts";
import { fetchAgentLicences, licenceQueryKeys, updateAgentLicences } from "../../api/licences.api.ts";
import { LoadError } from "../../components/load-error.tsx";
import { SaveBar } from "../../components/save-bar.tsx";
import { SwitchField } from "../../components/switch-field.tsx";
import { useSaveForm } from "../../hooks/use-save-form.ts";
import { useAgentLiveUpdates } from "./use-agent-live-updates.ts";

function SelfServiceStatus({ access }: { access: AgentLicences["momentsSelfService"] }) {
  return (
    <div className={access.allowed ? "notice" : "notice notice-warning"} role="status">
      <p className="notice-title">Moments self-service: {access.allowed ? "allowed" : "not allowed"}</p>
      {access.allowed ? (
        <p>The agent can create Moments notifications for themselves and see their own reports.</p>
      ) : (
        <ul>
          {access.reasons.map((reason) => (
            <li key={reason.code}>{reason.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function LicencesForm({ agentId, licences }: { agentId: string; licences: AgentLicences }) {
  const queryClient = useQueryClient();
  const [moments, setMoments] = useState(licences.moments);
  const [administration, setAdministration] = useState(licences.administration);
  // What is stored changed (this form's save, or another admin's): the switches show it.
  const [shown, setShown] = useState(licences);
  if (shown !== licences) {
    setShown(licences);
    setMoments(licences.moments);
    setAdministration(licences.administration);
  }
  const saving = useSaveForm({
    save: (changes: Pick<AgentLicences, "moments" | "administration">) => updateAgentLicences(agentId, changes),
    onSaved: (updated) => queryClient.setQueryData(licenceQueryKeys.agent(agentId), updated),
  });
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!saving.busy) {
      saving.submit({ moments, administration });
    }
  };
  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      <fieldset className="setting-group">
        <legend>Licences</legend>
        <SwitchField
          label="Moments"
          hint="Configuring and receiving Moments notifications. Off removes both."
          checked={moments}
          onChange={(on) => {
            setMoments(on);
            saving.edited();
          }}
        />
        <SwitchField
          label="Administration"
          hint="Administrative access to Moments. Self-service needs it off."
          checked={administration}
          onChange={(on) => {
            setAdministration(on);
            saving.edited();
          }}
        />
      </fieldset>
      <SaveBar label="Save licences" busy={saving.busy} status={saving.saved ? "Saved." : ""} failure={saving.failure} />
    </form>
  );
}

// product.md, People, roles, licences; seed 000: self-service needs the member role on every team, Moments
// on and Administration off. The page shows which of them is missing.
export function AgentLicencesTab({ agentId }: { agentId: string }) {
  useAgentLiveUpdates(agentId);
  const licences = useQuery({ queryKey: licenceQueryKeys.agent(agentId), queryFn: () => fetchAgentLicences(agentId) });
  if (licences.isError) {
    return <LoadError message="The agent's licences could not be loaded." onRetry={() => void licences.refetch()} />;
  }
  if (!licences.data) {
    return <p role="status">Loading…</p>;
  }
  return (
    <section className="section card card-narrow" aria-labelledby="agent-licences-title">
      <h2 className="section-title" id="agent-licences-title">
        Licences
      </h2>
      <SelfServiceStatus access={licences.data.momentsSelfService} />
      <LicencesForm agentId={agentId} licences={licences.data} />
    </section>
  );
}
