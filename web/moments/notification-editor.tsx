import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { z } from "zod";
import type { MomentNotification } from "../../common/api/moments.ts";
import { CHANNELS } from "../../common/domain/channels.ts";
import { pageSchema } from "../../common/api/pagination.ts";
import { isApiError } from "../api/api-error.ts";
import { requestJson } from "../api/http-client.ts";
import { createMomentNotification, listMomentContents, momentsQueryKeys, updateMomentNotification } from "../api/moments.api.ts";
import { FormAlert } from "../components/form-alert.tsx";
import { SelectField } from "../components/select-field.tsx";
import { SwitchField } from "../components/switch-field.tsx";
import { TextField } from "../components/text-field.tsx";
import { TextareaField } from "../components/textarea-field.tsx";
import { CheckboxGroup } from "./checkbox-group.tsx";
import { criteriaOf, draftOf, momentFieldErrors, requestOf, type NotificationDraft } from "./moments-form.ts";
import { TryItBox } from "./try-it-box.tsx";

interface NotificationEditorProps {
  notification?: MomentNotification | undefined;
  /** Admins and supervisors: every criterion and the targets; an agent: phrases for themselves. */
  manager: boolean;
  onDone: (saved: MomentNotification | undefined) => void;
}

const namedPage = pageSchema(z.object({ id: z.string(), name: z.string().optional(), fullName: z.string().optional() }));

// The notification editor (issue 7, items 1 and 7) with its "try it" box.
export function NotificationEditor({ notification, manager, onDone }: NotificationEditorProps) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<NotificationDraft>(() => draftOf(notification));
  const change = <Key extends keyof NotificationDraft>(key: Key) => (value: NotificationDraft[Key]) => setDraft((current) => ({ ...current, [key]: value }));
  const contents = useQuery({ queryKey: momentsQueryKeys.contents, queryFn: listMomentContents });
  const teams = useQuery({ queryKey: ["moments", "targets", "teams"], queryFn: () => requestJson("/api/v1/teams?pageSize=200", namedPage), enabled: manager });
  const agents = useQuery({ queryKey: ["moments", "targets", "agents"], queryFn: () => requestJson("/api/v1/agents?pageSize=200", namedPage), enabled: manager });
  const save = useMutation({
    mutationFn: () => (notification ? updateMomentNotification(notification.id, requestOf(draft, manager)) : createMomentNotification(requestOf(draft, manager))),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: momentsQueryKeys.notifications });
      onDone(saved);
    },
  });
  const errors = save.isError ? momentFieldErrors(save.error) : {};
  const formError = save.isError && (errors.form ?? (Object.keys(errors).length === 0 ? (isApiError(save.error) ? save.error.message : "The notification was not saved. Try again.") : null));
  const agentChoices = (agents.data?.items ?? []).map((agent) => ({ id: agent.id, label: agent.fullName ?? agent.id }));

  return (
    <form
      className="form moments-editor"
      aria-label={notification ? `Edit ${notification.name}` : "New notification"}
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <h2 className="section-title">{notification ? `Edit ${notification.name}` : "New notification"}</h2>
      <FormAlert message={formError || null} />
      <TextField label="Name" value={draft.name} onChange={change("name")} error={errors.name} maxLength={200} />
      <TextareaField label="Description" value={draft.description} onChange={change("description")} maxLength={2000} error={errors.description} />
      <SwitchField label="Enabled" checked={draft.enabled} onChange={change("enabled")} />
      <TextareaField label="Any of these phrases" value={draft.anyOf} onChange={change("anyOf")} maxLength={6000} hint="One per line. End a word with * for any ending (cancel*). Case, accents and punctuation do not matter." error={errors["criteria.anyOf"]} />
      {manager ? (
        <>
          <TextareaField label="All of these phrases, in the same conversation" value={draft.allOf} onChange={change("allOf")} maxLength={3000} hint="Optional, one per line." error={errors["criteria.allOf"]} />
          <TextareaField label="Not when any of these was said" value={draft.exclude} onChange={change("exclude")} maxLength={3000} hint="Optional exclusions, one per line." error={errors["criteria.exclude"]} />
          <TextareaField label="Not mentioned within the start of the conversation" value={draft.notMentioned} onChange={change("notMentioned")} maxLength={3000} hint="Optional: fires when none of these is said in time." error={errors["criteria.notMentioned"]} />
          <TextField label="Seconds from the start" type="number" min={5} max={3600} value={draft.withinSeconds} onChange={change("withinSeconds")} className="field-input-short" />
          <SelectField
            label="Said by"
            value={draft.speaker}
            options={[
              { value: "either", label: "Customer or agent" },
              { value: "customer", label: "The customer" },
              { value: "agent", label: "The agent" },
            ]}
            onChange={change("speaker")}
          />
          <CheckboxGroup legend="Channels (none: all)" choices={CHANNELS.map((channel) => ({ id: channel, label: channel }))} selected={draft.channels} onChange={(selected) => change("channels")(selected as NotificationDraft["channels"])} />
          <SelectField
            label="How often"
            value={draft.frequency}
            options={[
              { value: "once", label: "Once per conversation" },
              { value: "every", label: "At every match, after a cool-down" },
            ]}
            onChange={change("frequency")}
          />
          {draft.frequency === "every" ? <TextField label="Cool-down in seconds" type="number" min={0} value={draft.cooldownSeconds} onChange={change("cooldownSeconds")} error={errors["criteria.frequency"]} className="field-input-short" /> : null}
          <CheckboxGroup legend="Teams" choices={(teams.data?.items ?? []).map((team) => ({ id: team.id, label: team.name ?? team.id }))} selected={draft.teamIds} onChange={change("teamIds")} error={errors.targets} />
          <CheckboxGroup legend="Agents" choices={agentChoices} selected={draft.agentIds} onChange={change("agentIds")} />
          <CheckboxGroup legend="Excluded agents" choices={agentChoices} selected={draft.excludedAgentIds} onChange={change("excludedAgentIds")} />
          <SwitchField label="Also notify the agent's supervisors" checked={draft.notifySupervisors} onChange={change("notifySupervisors")} />
        </>
      ) : (
        <p className="field-hint">Your notifications reach you alone.</p>
      )}
      <CheckboxGroup legend="Content to show" choices={(contents.data?.items ?? []).map((content) => ({ id: content.id, label: content.title }))} selected={draft.contentIds} onChange={change("contentIds")} empty="No content items yet: create one under Content." error={errors.contentIds} />
      <TryItBox criteria={() => criteriaOf(draft, manager)} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {notification ? "Save notification" : "Create notification"}
        </button>
        <button type="button" className="button" onClick={() => onDone(undefined)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
