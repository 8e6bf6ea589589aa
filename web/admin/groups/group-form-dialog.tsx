import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { createMemberGroupRequestSchema, GROUP_DESCRIPTION_MAX, updateMemberGroupRequestSchema } from "../../../common/api/groups.ts";
import {
  createQueueRequestSchema,
  ONE_AT_A_TIME_STRATEGIES,
  QUEUE_DEFAULTS,
  QUEUE_STRATEGIES,
  updateQueueRequestSchema,
  type QueueStrategy,
} from "../../../common/api/queues.ts";
import type { Channel } from "../../../common/domain/channels.ts";
import { isApiError } from "../../api/api-error.ts";
import { fieldErrorsFromApiError, fieldErrorsFromZodError, hasFieldErrors, type FieldErrors } from "../../api/field-errors.ts";
import { createGroup, groupQueryKeys, updateGroup, type AnyGroup, type SaveGroupRequest } from "../../api/groups.api.ts";
import { TextField } from "../../components/text-field.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { TextareaField } from "../../components/textarea-field.tsx";
import { FormDialog } from "../../components/form-dialog.tsx";
import { channelLabel, strategyLabel, type GroupKindInfo } from "./group-kinds.ts";
import { useAccountChannels } from "./use-account-channels.ts";

interface GroupFormDialogProps {
  info: GroupKindInfo;
  /** The group being edited; null to create one. */
  group: AnyGroup | null;
  open: boolean;
  onClose: () => void;
  onSaved: (group: AnyGroup) => void;
}

interface FormValues {
  name: string;
  description: string;
  channel: Channel;
  strategy: QueueStrategy;
  timeoutSeconds: string;
  offerTimeoutSeconds: string;
}

function initialValues(group: AnyGroup | null): FormValues {
  const queue = group && "channel" in group ? group : null;
  return {
    name: group?.name ?? "",
    description: group?.description ?? "",
    channel: queue?.channel ?? "voice",
    strategy: queue?.strategy ?? QUEUE_DEFAULTS.strategy,
    timeoutSeconds: String(queue?.timeoutSeconds ?? QUEUE_DEFAULTS.timeoutSeconds),
    offerTimeoutSeconds: String(queue?.offerTimeoutSeconds ?? QUEUE_DEFAULTS.offerTimeoutSeconds),
  };
}

const wholeNumber = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

// The request, checked with the schema the server uses (CONVENTIONS.md, The web app).
function parseRequest(info: GroupKindInfo, creating: boolean, values: FormValues) {
  const common = { name: values.name, description: values.description };
  if (info.kind !== "queue") {
    return (creating ? createMemberGroupRequestSchema : updateMemberGroupRequestSchema).safeParse(common);
  }
  const queue = {
    ...common,
    channel: values.channel,
    strategy: values.strategy,
    timeoutSeconds: wholeNumber(values.timeoutSeconds),
    offerTimeoutSeconds: wholeNumber(values.offerTimeoutSeconds),
  };
  return (creating ? createQueueRequestSchema : updateQueueRequestSchema).safeParse(queue);
}

export function GroupFormDialog({ info, group, open, onClose, onSaved }: GroupFormDialogProps) {
  const queryClient = useQueryClient();
  const creating = group === null;
  const [values, setValues] = useState<FormValues>(() => initialValues(group));
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const channels = useAccountChannels(group && "channel" in group ? [group.channel] : []);
  const set = <Key extends keyof FormValues>(key: Key) => (value: FormValues[Key]) => setValues((current) => ({ ...current, [key]: value }));

  const save = useMutation({
    mutationFn: (request: SaveGroupRequest) => (group ? updateGroup(info.kind, group.id, request) : createGroup(info.kind, request)),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: groupQueryKeys.kind(info.kind) });
      onSaved(saved);
    },
    onError: (error) => setFieldErrors(fieldErrorsFromApiError(error)),
  });

  const submit = () => {
    const parsed = parseRequest(info, creating, values);
    if (!parsed.success) {
      setFieldErrors(fieldErrorsFromZodError(parsed.error));
      return;
    }
    setFieldErrors({});
    save.mutate(parsed.data);
  };

  const apiFieldErrors = fieldErrorsFromApiError(save.error);
  const failure = isApiError(save.error) && !hasFieldErrors(apiFieldErrors) ? save.error.message : null;
  const oneAtATime = ONE_AT_A_TIME_STRATEGIES.includes(values.strategy);
  return (
    <FormDialog
      open={open}
      title={creating ? `New ${info.singular}` : `Edit ${info.singular} “${group.name}”`}
      submitLabel={creating ? `Create ${info.singular}` : "Save"}
      busy={save.isPending}
      error={failure}
      onSubmit={submit}
      onClose={onClose}
    >
      <TextField label="Name" name="name" value={values.name} onChange={set("name")} error={fieldErrors.name} maxLength={100} autoComplete="off" />
      {info.kind === "queue" ? (
        <>
          <SelectField
            label="Channel"
            value={values.channel}
            hint="The channels turned on for the account."
            options={channels.map((channel) => ({ value: channel, label: channelLabel(channel) }))}
            onChange={set("channel")}
            error={fieldErrors.channel}
          />
          <SelectField
            label="Strategy"
            hint="Ring all alerts every available member; the others offer to one agent at a time."
            value={values.strategy}
            options={QUEUE_STRATEGIES.map((strategy) => ({ value: strategy, label: strategyLabel(strategy) }))}
            onChange={set("strategy")}
            error={fieldErrors.strategy}
          />
          <TextField
            label="Queue timeout (seconds)"
            hint="How long an interaction waits in this queue before it moves on."
            name="timeoutSeconds"
            type="number"
            inputMode="numeric"
            min={1}
            className="field-input-short"
            value={values.timeoutSeconds}
            onChange={set("timeoutSeconds")}
            error={fieldErrors.timeoutSeconds}
          />
          <TextField
            label="Offer timeout (seconds)"
            hint={oneAtATime ? "How long one agent has to accept before the next is offered." : "Used by the one-at-a-time strategies only."}
            name="offerTimeoutSeconds"
            type="number"
            inputMode="numeric"
            min={1}
            className="field-input-short"
            value={values.offerTimeoutSeconds}
            onChange={set("offerTimeoutSeconds")}
            error={fieldErrors.offerTimeoutSeconds}
          />
        </>
      ) : null}
      <TextareaField label="Description" value={values.description} maxLength={GROUP_DESCRIPTION_MAX} onChange={set("description")} error={fieldErrors.description} />
    </FormDialog>
  );
}
