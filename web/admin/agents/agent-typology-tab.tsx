import { useState } from "react";
import type { Agent } from "../../../common/api/agents.ts";
import { agentTelephonySchema, type Typology } from "../../../common/domain/agent-record.ts";
import { SaveBar } from "../../components/save-bar.tsx";
import { TextField } from "../../components/text-field.tsx";
import { agentErrorsFromZodError, errorOf } from "./agent-field-errors.ts";
import { TYPOLOGY_LABELS } from "./agent-labels.ts";
import { SwitchField } from "../../components/switch-field.tsx";
import { TYPOLOGY_SETTING_FIELDS } from "./typology-setting-fields.ts";
import { useSaveAgent, useStoredAgent, type AgentSaving } from "./use-save-agent.ts";

type Draft = Record<string, string | boolean>;

function draftOf(settings: Record<string, unknown>): Draft {
  return Object.fromEntries(Object.entries(settings).map(([key, value]) => [key, typeof value === "boolean" ? value : String(value)]));
}

/** Numbers typed as text become numbers; an empty box is "no value", which a required setting refuses. */
function settingsOf(typology: Typology, draft: Draft): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const field of TYPOLOGY_SETTING_FIELDS[typology]) {
    const value = draft[field.key];
    settings[field.key] = field.kind === "number" && typeof value === "string" ? (value.trim() === "" ? null : Number(value)) : value;
  }
  return settings;
}

// seed 002: the Phonebar, WebRTC, External or Mobile settings, shown for the agent's own typology.
export function AgentTypologyTab({ agentId, typology }: { agentId: string; typology: Typology }) {
  const agent = useStoredAgent(agentId);
  const saving = useSaveAgent(agentId);
  if (!agent.data) {
    return <p role="status">Loading…</p>;
  }
  if (agent.data.typology !== typology) {
    return <p>This agent is not a {TYPOLOGY_LABELS[typology]} agent.</p>;
  }
  return <TypologyForm key={agent.data.updatedAt} agent={agent.data} saving={saving} />;
}

function TypologyForm({ agent, saving }: { agent: Agent; saving: AgentSaving }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(agent.typologySettings));
  const set = (key: string) => (value: string | boolean) => {
    saving.edited();
    setDraft((previous) => ({ ...previous, [key]: value }));
  };
  const label = TYPOLOGY_LABELS[agent.typology];

  const save = () => {
    const typologySettings = settingsOf(agent.typology, draft);
    const parsed = agentTelephonySchema.safeParse({ typology: agent.typology, typologySettings, voiceSettings: agent.voiceSettings });
    if (!parsed.success) {
      saving.refuse(agentErrorsFromZodError(parsed.error));
      return;
    }
    saving.submit(JSON.stringify(parsed.data.typologySettings) === JSON.stringify(agent.typologySettings) ? {} : { typologySettings });
  };

  return (
    <form
      className="form agents-form"
      aria-label={`${label} settings`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <h2 className="card-title">{label} settings</h2>
      {TYPOLOGY_SETTING_FIELDS[agent.typology].map((field) => {
        const value = draft[field.key];
        const error = errorOf(saving.errors, `typologySettings.${field.key}`);
        return field.kind === "switch" ? (
          <SwitchField key={field.key} label={field.label} hint={field.hint} checked={value === true} onChange={set(field.key)} error={error} />
        ) : (
          <TextField
            key={field.key}
            label={field.label}
            hint={field.hint}
            inputMode={field.kind === "number" ? "numeric" : undefined}
            className={field.kind === "number" ? "field-input-short" : undefined}
            value={typeof value === "string" ? value : ""}
            onChange={set(field.key)}
            error={error}
          />
        );
      })}
      <SaveBar busy={saving.busy} status={saving.status} failure={saving.failure ?? saving.errors.typologySettings ?? null} />
    </form>
  );
}
