import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { updateAgentChannelRequestSchema, type AgentChannel } from "../../../common/api/channels.ts";
import { isApiError } from "../../api/api-error.ts";
import { channelQueryKeys, saveAgentChannel } from "../../api/channels.api.ts";
import { fieldErrorsFromApiError, fieldErrorsFromZodError, hasFieldErrors, type FieldErrors } from "../../api/field-errors.ts";
import { FormAlert } from "../../components/form-alert.tsx";
import { TextField } from "../../components/text-field.tsx";
import { CHANNEL_LABELS, limitLabel } from "./channel-labels.ts";
import { SwitchField } from "../../components/switch-field.tsx";

interface EditAgentChannelDialogProps {
  agentId: string;
  item: AgentChannel;
  onClose: () => void;
}

function optionalNumber(text: string): number | null {
  return text.trim() === "" ? null : Number(text);
}

// Seed 004: an edit modal per channel with the toggle and the capacity (1 to 50), applied with Save.
export function EditAgentChannelDialog({ agentId, item, onClose }: EditAgentChannelDialogProps) {
  const queryClient = useQueryClient();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const values = item.effective;
  const [enabled, setEnabled] = useState(values.enabled.value);
  const [capacity, setCapacity] = useState(String(item.stored?.capacity ?? ""));
  const [autoAnswer, setAutoAnswer] = useState(values.autoAnswerDelaySeconds.value !== null);
  const [delay, setDelay] = useState(String(values.autoAnswerDelaySeconds.value ?? 0));
  const [paused, setPaused] = useState(values.paused.value);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const label = CHANNEL_LABELS[item.channel];

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) {
      dialog.showModal();
    }
  }, []);

  const save = useMutation({
    mutationFn: (changes: Parameters<typeof saveAgentChannel>[2]) => saveAgentChannel(agentId, item.channel, changes),
    onSuccess: (channels) => {
      queryClient.setQueryData(channelQueryKeys.agentChannels(agentId), channels);
      onClose();
    },
    onError: (error) => setFieldErrors(fieldErrorsFromApiError(error)),
  });

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) {
      return;
    }
    const parsed = updateAgentChannelRequestSchema.safeParse({
      enabled,
      capacity: optionalNumber(capacity),
      autoAnswerDelaySeconds: autoAnswer ? (optionalNumber(delay) ?? Number.NaN) : null,
      paused,
    });
    if (!parsed.success) {
      setFieldErrors(fieldErrorsFromZodError(parsed.error));
      return;
    }
    setFieldErrors({});
    save.mutate(parsed.data);
  };

  const failure = save.error && !hasFieldErrors(fieldErrorsFromApiError(save.error)) && isApiError(save.error) ? save.error.message : null;
  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 className="dialog-title" id={titleId}>
        {label} settings
      </h2>
      <form className="form" onSubmit={handleSubmit} noValidate>
        <div className="dialog-body form">
          <SwitchField
            label={`${label} enabled`}
            hint="Off: the agent gets no interaction of this channel, even through a team or queue that has it."
            checked={enabled}
            onChange={setEnabled}
          />
          <TextField
            label="Capacity"
            hint={`1 to 50 interactions at once. Empty uses the global default (${limitLabel(item.defaultCapacity)}).`}
            name="capacity"
            type="number"
            inputMode="numeric"
            min={1}
            max={50}
            step={1}
            className="field-input-short"
            value={capacity}
            onChange={setCapacity}
            error={fieldErrors.capacity}
          />
          <SwitchField label="Auto-answer" hint="Accept new interactions without a click, after a delay." checked={autoAnswer} onChange={setAutoAnswer} />
          {autoAnswer ? (
            <TextField
              label="Auto-answer delay (seconds)"
              name="autoAnswerDelaySeconds"
              type="number"
              inputMode="numeric"
              min={0}
              max={600}
              step={1}
              className="field-input-short"
              value={delay}
              onChange={setDelay}
              error={fieldErrors.autoAnswerDelaySeconds}
            />
          ) : null}
          <SwitchField label="Paused" hint="A paused agent is offered nothing on this channel." checked={paused} onChange={setPaused} />
        </div>
        <FormAlert message={failure} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" aria-disabled={save.isPending}>
            Save
          </button>
        </div>
      </form>
    </dialog>
  );
}
