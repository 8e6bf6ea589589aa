import { useState } from "react";
import { updateAgentRequestSchema, type Agent, type UpdateAgentRequest } from "../../../common/api/agents.ts";
import { TOAST_POSITIONS, type Typology } from "../../../common/domain/agent-record.ts";
import { SaveBar } from "../../components/save-bar.tsx";
import { TextField } from "../../components/text-field.tsx";
import { TOAST_POSITION_LABELS } from "./agent-labels.ts";
import { agentErrorsFromZodError } from "./agent-field-errors.ts";
import { SelectField } from "../../components/select-field.tsx";
import { SwitchField } from "../../components/switch-field.tsx";
import { TextareaField } from "../../components/textarea-field.tsx";
import { useSaveAgent, useStoredAgent, type AgentSaving } from "./use-save-agent.ts";
import { useTypologyOptions } from "./use-typology-options.ts";

function draftOf(agent: Agent) {
  return {
    fullName: agent.fullName,
    username: agent.username,
    alias: agent.alias ?? "",
    email: agent.email ?? "",
    extension: agent.extension ?? "",
    description: agent.description ?? "",
    typology: agent.typology,
    pushGateway: agent.typology === "mobile" ? agent.typologySettings.pushGateway : "",
    loginInPause: agent.loginInPause,
    toastPosition: agent.toastPosition as string,
  };
}
type AccountDraft = ReturnType<typeof draftOf>;

/** Only what the person changed, in the API's terms. */
function changesOf(agent: Agent, draft: AccountDraft): UpdateAgentRequest {
  const stored = draftOf(agent);
  const changes: Record<string, unknown> = {};
  for (const key of ["fullName", "username", "extension", "loginInPause", "toastPosition"] as const) {
    if (draft[key] !== stored[key]) {
      changes[key] = draft[key];
    }
  }
  for (const key of ["alias", "email", "description"] as const) {
    if (draft[key] !== stored[key]) {
      changes[key] = draft[key] === "" ? null : draft[key];
    }
  }
  if (draft.typology !== stored.typology || (draft.typology === "mobile" && draft.pushGateway !== stored.pushGateway)) {
    changes.typology = draft.typology;
    if (draft.typology === "mobile") {
      changes.typologySettings = { pushGateway: draft.pushGateway };
    }
  }
  return changes;
}

// seed 002, Account: personal info, login in pause, notifications (toast position), internal number.
export function AgentAccountTab({ agentId }: { agentId: string }) {
  const agent = useStoredAgent(agentId);
  const saving = useSaveAgent(agentId);
  if (!agent.data) {
    return <p role="status">Loading…</p>;
  }
  // A new stored version (saved here or by someone else) starts the form again from it.
  return <AccountForm key={agent.data.updatedAt} agent={agent.data} saving={saving} />;
}

function AccountForm({ agent, saving }: { agent: Agent; saving: AgentSaving }) {
  const [draft, setDraft] = useState(() => draftOf(agent));
  const typologies = useTypologyOptions(agent.typology);
  const set = <Key extends keyof AccountDraft>(key: Key) => (value: AccountDraft[Key]) => {
    saving.edited();
    setDraft((previous) => ({ ...previous, [key]: value }));
  };
  const { errors } = saving;

  const save = () => {
    const changes = changesOf(agent, draft);
    const parsed = updateAgentRequestSchema.safeParse(changes);
    if (!parsed.success) {
      saving.refuse(agentErrorsFromZodError(parsed.error));
      return;
    }
    saving.submit(changes);
  };

  return (
    <form
      className="form agents-form"
      aria-label="Account"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <h2 className="card-title">Personal info</h2>
      <div className="agents-form-grid">
        <TextField label="Full name" value={draft.fullName} onChange={set("fullName")} maxLength={200} error={errors.fullName} />
        <TextField label="Username" value={draft.username} onChange={set("username")} maxLength={64} error={errors.username} />
        <TextField label="Alias" hint="Shown to customers instead of the real name." value={draft.alias} onChange={set("alias")} maxLength={200} error={errors.alias} />
        <TextField label="E-mail" type="email" value={draft.email} onChange={set("email")} error={errors.email} />
        <TextField label="Extension" hint="The internal number: 2 to 10 digits." inputMode="numeric" value={draft.extension} onChange={set("extension")} error={errors.extension} />
        <SelectField
          label="Typology"
          hint="Changing it starts the new typology's settings from their defaults."
          value={draft.typology}
          options={typologies}
          onChange={(value) => set("typology")(value as Typology)}
          error={errors.typology}
        />
        <SelectField
          label="Toast position"
          hint="Where notifications appear on the agent's screen."
          value={draft.toastPosition}
          options={TOAST_POSITIONS.map((position) => ({ value: position, label: TOAST_POSITION_LABELS[position] }))}
          onChange={set("toastPosition")}
          error={errors.toastPosition}
        />
        {draft.typology === "mobile" ? (
          <TextField label="Mobile app push gateway" hint="host:port" value={draft.pushGateway} onChange={set("pushGateway")} error={errors["typologySettings.pushGateway"]} />
        ) : null}
      </div>
      <TextareaField label="Description" value={draft.description} onChange={set("description")} maxLength={2000} error={errors.description} />
      <SwitchField
        label="Login in pause"
        hint="The agent starts paused on all their queues when they sign in, until they change it."
        checked={draft.loginInPause}
        onChange={set("loginInPause")}
        error={errors.loginInPause}
      />
      <SaveBar busy={saving.busy} status={saving.status} failure={saving.failure} />
    </form>
  );
}
