import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { AgentPermissions } from "../../../common/api/permissions.ts";
import { MODULE_LABELS, MODULES, type Module } from "../../../common/domain/modules.ts";
import { fetchAgentPermissions, permissionQueryKeys, updateAgentPermissions } from "../../api/permissions.api.ts";
import { LoadError } from "../../components/load-error.tsx";
import { SaveBar } from "../../components/save-bar.tsx";
import { SwitchField } from "../../components/switch-field.tsx";
import { useSaveForm } from "../../hooks/use-save-form.ts";
import { useAgentLiveUpdates } from "./use-agent-live-updates.ts";

type Flag = "internalMessenger" | "messengerSound" | "prefixRequired" | "selectRecallMeCampaign" | "rescheduleCalls";
type Download = keyof AgentPermissions["downloads"];

// Seed 002, Permissions: what each flag lets the agent do.
const FLAGS: readonly { flag: Flag; label: string; hint: string }[] = [
  { flag: "internalMessenger", label: "Internal messenger", hint: "Use the internal messenger on the desktop." },
  { flag: "messengerSound", label: "Messenger sound", hint: "A sound when an internal message arrives." },
  { flag: "prefixRequired", label: "Prefix required", hint: "Choose a service prefix when placing a call." },
  { flag: "selectRecallMeCampaign", label: "Select recall-me campaign", hint: "Choose the campaign a recall-me is tied to." },
  { flag: "rescheduleCalls", label: "Reschedule calls", hint: "Change the date, time and agent of the calls in their queues." },
];
const DOWNLOADS: readonly { key: Download; label: string }[] = [
  { key: "attachments", label: "Attachments" },
  { key: "interactions", label: "Interactions" },
  { key: "recordings", label: "Voice recordings" },
];

function PermissionsForm({ agentId, permissions }: { agentId: string; permissions: AgentPermissions }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(permissions);
  // What is stored changed (this form's save, or another admin's): the switches show it.
  const [shown, setShown] = useState(permissions);
  if (shown !== permissions) {
    setShown(permissions);
    setDraft(permissions);
  }
  const saving = useSaveForm({
    save: (changes: AgentPermissions) => updateAgentPermissions(agentId, changes),
    onSaved: (updated) => queryClient.setQueryData(permissionQueryKeys.agent(agentId), updated),
  });
  const change = (next: AgentPermissions) => {
    setDraft(next);
    saving.edited();
  };
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!saving.busy) {
      saving.submit(draft);
    }
  };
  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      <div className="setting-columns">
        <fieldset className="setting-group">
          <legend>Permissions</legend>
          {FLAGS.map(({ flag, label, hint }) => (
            <SwitchField key={flag} label={label} hint={hint} checked={draft[flag]} onChange={(on) => change({ ...draft, [flag]: on })} />
          ))}
        </fieldset>
        <fieldset className="setting-group">
          <legend>Downloads</legend>
          {DOWNLOADS.map(({ key, label }) => (
            <SwitchField key={key} label={label} checked={draft.downloads[key]} onChange={(on) => change({ ...draft, downloads: { ...draft.downloads, [key]: on } })} />
          ))}
        </fieldset>
        <fieldset className="setting-group">
          <legend>Modules</legend>
          <p className="field-hint">A module turned off leaves the agent&apos;s desktop, and its API refuses the agent.</p>
          {MODULES.map((module: Module) => (
            <SwitchField
              key={module}
              label={MODULE_LABELS[module]}
              checked={draft.modules[module] ?? true}
              onChange={(on) => change({ ...draft, modules: { ...draft.modules, [module]: on } })}
            />
          ))}
        </fieldset>
      </div>
      <SaveBar label="Save permissions" busy={saving.busy} status={saving.saved ? "Saved. The agent's desktop follows at once." : ""} failure={saving.failure} />
    </form>
  );
}

// product.md, The agent record: permission flags, downloads and module permissions (all on for a new agent).
export function AgentPermissionsTab({ agentId }: { agentId: string }) {
  useAgentLiveUpdates(agentId);
  const permissions = useQuery({ queryKey: permissionQueryKeys.agent(agentId), queryFn: () => fetchAgentPermissions(agentId) });
  if (permissions.isError) {
    return <LoadError message="The agent's permissions could not be loaded." onRetry={() => void permissions.refetch()} />;
  }
  if (!permissions.data) {
    return <p role="status">Loading…</p>;
  }
  return (
    <section className="section card" aria-labelledby="agent-permissions-title">
      <h2 className="section-title" id="agent-permissions-title">
        Permissions
      </h2>
      <PermissionsForm agentId={agentId} permissions={permissions.data} />
    </section>
  );
}
