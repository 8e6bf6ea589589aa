import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { createAgentRequestSchema } from "../../../common/api/agents.ts";
import type { Typology } from "../../../common/domain/agent-record.ts";
import { isApiError } from "../../api/api-error.ts";
import { agentQueryKeys, createAgent } from "../../api/agents.api.ts";
import { TextField } from "../../components/text-field.tsx";
import { FormDialog } from "../../components/form-dialog.tsx";
import { agentErrorsFromApiError, agentErrorsFromZodError, hasErrors, type AgentFieldErrors } from "./agent-field-errors.ts";
import { SelectField } from "../../components/select-field.tsx";
import { TextareaField } from "../../components/textarea-field.tsx";
import { useTypologyOptions } from "./use-typology-options.ts";

const EMPTY = { fullName: "", username: "", alias: "", email: "", typology: "webrtc" as Typology, password: "", description: "", pushGateway: "" };

// seed 002, "Create a new Agent": full name, username, alias, typology, e-mail, password, description; the
// push gateway for a mobile agent. The extension is generated; it can be changed on the agent's page.
export function NewAgentDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const typologies = useTypologyOptions();
  const [draft, setDraft] = useState(EMPTY);
  const [errors, setErrors] = useState<AgentFieldErrors>({});
  const set = (field: keyof typeof EMPTY) => (value: string) => setDraft((previous) => ({ ...previous, [field]: value }));

  const create = useMutation({
    mutationFn: createAgent,
    onSuccess: (agent) => {
      void queryClient.invalidateQueries({ queryKey: agentQueryKeys.all });
      queryClient.setQueryData(agentQueryKeys.detail(agent.id), agent);
      close();
      void navigate(`/admin/agents/${agent.id}`);
    },
    onError: (error) => setErrors(agentErrorsFromApiError(error)),
  });

  function close() {
    setDraft(EMPTY);
    setErrors({});
    create.reset();
    onClose();
  }

  const submit = () => {
    const { pushGateway, alias, email, description, ...fields } = draft;
    const request = {
      ...fields,
      alias: alias || null,
      email: email || null,
      description: description || null,
      ...(draft.typology === "mobile" ? { typologySettings: { pushGateway } } : {}),
    };
    // The same schema the server validates with, so the messages are the server's.
    const parsed = createAgentRequestSchema.safeParse(request);
    if (!parsed.success) {
      setErrors(agentErrorsFromZodError(parsed.error));
      return;
    }
    setErrors({});
    create.mutate(parsed.data);
  };

  const failure = isApiError(create.error) && !hasErrors(agentErrorsFromApiError(create.error)) ? create.error.message : null;
  return (
    <FormDialog open={open} title="New agent" submitLabel="Create agent" busy={create.isPending} error={failure} onSubmit={submit} onClose={close}>
      <TextField label="Full name" value={draft.fullName} onChange={set("fullName")} maxLength={200} error={errors.fullName} autoComplete="off" />
      <TextField label="Username" hint='Letters, digits, "." and "_"; used to sign in.' value={draft.username} onChange={set("username")} maxLength={64} error={errors.username} autoComplete="off" />
      <TextField label="Alias" hint="Shown to customers instead of the real name." value={draft.alias} onChange={set("alias")} maxLength={200} error={errors.alias} />
      <TextField label="E-mail" hint="For password reset links." type="email" value={draft.email} onChange={set("email")} error={errors.email} />
      <SelectField label="Typology" value={draft.typology} options={typologies} onChange={set("typology")} error={errors.typology} />
      {draft.typology === "mobile" ? (
        <TextField
          label="Mobile app push gateway"
          hint="host:port of your push gateway, e.g. 203.0.113.10:5060"
          value={draft.pushGateway}
          onChange={set("pushGateway")}
          error={errors["typologySettings.pushGateway"]}
        />
      ) : null}
      <TextField label="Password" type="password" value={draft.password} onChange={set("password")} error={errors.password} autoComplete="new-password" />
      <TextareaField label="Description" value={draft.description} onChange={set("description")} maxLength={2000} error={errors.description} />
    </FormDialog>
  );
}
