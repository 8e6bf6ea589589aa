import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { CLIENT_LOG_LEVELS, type AgentClientLogSettings, type ClientLogLevel } from "../../../common/api/client-logs.ts";
import { clientLogQueryKeys, updateAgentClientLogSettings } from "../../api/client-logs.api.ts";
import { SaveBar } from "../../components/save-bar.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { SwitchField } from "../../components/switch-field.tsx";
import { useSaveForm } from "../../hooks/use-save-form.ts";

// Seed 002, Client logs: each level ships itself and every more severe one.
export const LEVEL_LABELS: Record<ClientLogLevel, string> = {
  error: "Error",
  warning: "Warning",
  info: "Info",
  debug: "Debug",
};
const LEVEL_HINTS: Record<ClientLogLevel, string> = {
  error: "Errors only.",
  warning: "Errors and warnings.",
  info: "Errors, warnings and info.",
  debug: "Everything, debug included. Much traffic: turn it off when done.",
};
const LEVEL_OPTIONS = CLIENT_LOG_LEVELS.map((level) => ({ value: level, label: LEVEL_LABELS[level] }));

export function ClientLogSettingsForm({ agentId, settings }: { agentId: string; settings: AgentClientLogSettings }) {
  const queryClient = useQueryClient();
  const [enabled, setEnabled] = useState(settings.enabled);
  const [level, setLevel] = useState(settings.level);
  // What is stored changed (this form's save, or another admin's): the form shows it.
  const [shown, setShown] = useState(settings);
  if (shown !== settings) {
    setShown(settings);
    setEnabled(settings.enabled);
    setLevel(settings.level);
  }
  const saving = useSaveForm({
    save: (changes: Pick<AgentClientLogSettings, "enabled" | "level">) => updateAgentClientLogSettings(agentId, changes),
    onSaved: (updated) => queryClient.setQueryData(clientLogQueryKeys.agentSettings(agentId), updated),
  });
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!saving.busy) {
      saving.submit({ enabled, level });
    }
  };
  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      <SwitchField
        label="Client logs"
        hint="The agent's desktop sends its log lines to the server while this is on."
        checked={enabled}
        onChange={(on) => {
          setEnabled(on);
          saving.edited();
        }}
      />
      <SelectField
        className="field-input-short"
        label="Minimum level"
        hint={LEVEL_HINTS[level]}
        value={level}
        options={LEVEL_OPTIONS}
        onChange={(chosen) => {
          setLevel(chosen);
          saving.edited();
        }}
      />
      <SaveBar label="Save client logs" busy={saving.busy} status={saving.saved ? "Saved." : ""} failure={saving.failure} />
    </form>
  );
}
