import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { createCustomStatusRequestSchema, type CustomStatus } from "../../../common/api/presence.ts";
import { isApiError } from "../../api/api-error.ts";
import { fieldErrorsFromApiError, fieldErrorsFromZodError, hasFieldErrors, type FieldErrors } from "../../api/field-errors.ts";
import { presenceQueryKeys } from "../../api/presence.api.ts";
import { FormDialog } from "../../components/form-dialog.tsx";
import { SwitchField } from "../../components/switch-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import { createCustomStatus, updateCustomStatus } from "./custom-statuses.api.ts";

interface CustomStatusFormDialogProps {
  /** The status being edited; null to create one. */
  status: CustomStatus | null;
  onClose: () => void;
  onSaved: (status: CustomStatus) => void;
}

// A taken name is a 409 that names its field: shown next to it, like a validation error.
function errorsOf(error: unknown): FieldErrors {
  if (isApiError(error) && error.code === "custom_status_name_taken") {
    return { name: "Already used by another status" };
  }
  return fieldErrorsFromApiError(error);
}

export function CustomStatusFormDialog({ status, onClose, onSaved }: CustomStatusFormDialogProps) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(status?.name ?? "");
  const [pausesRouting, setPausesRouting] = useState(status?.pausesRouting ?? true);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  const save = useMutation({
    mutationFn: (request: { name: string; pausesRouting: boolean }) => (status ? updateCustomStatus(status.id, request) : createCustomStatus(request)),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: presenceQueryKeys.customStatuses });
      onSaved(saved);
    },
    onError: (error) => setFieldErrors(errorsOf(error)),
  });

  const submit = () => {
    // The same schema as the server's (CONVENTIONS.md, The web app).
    const parsed = createCustomStatusRequestSchema.safeParse({ name, pausesRouting });
    if (!parsed.success) {
      setFieldErrors(fieldErrorsFromZodError(parsed.error));
      return;
    }
    setFieldErrors({});
    save.mutate({ name: parsed.data.name, pausesRouting: parsed.data.pausesRouting });
  };

  const failure = isApiError(save.error) && !hasFieldErrors(errorsOf(save.error)) ? save.error.message : null;
  return (
    <FormDialog
      open
      title={status ? `Edit status “${status.name}”` : "New status"}
      submitLabel={status ? "Save" : "Create status"}
      busy={save.isPending}
      error={failure}
      onSubmit={submit}
      onClose={onClose}
    >
      <TextField label="Name" name="name" value={name} onChange={setName} error={fieldErrors.name} maxLength={60} autoComplete="off" hint="What agents pick in the desktop: Break, Lunch, Training…" />
      <SwitchField
        label="Pauses routing"
        checked={pausesRouting}
        onChange={setPausesRouting}
        hint="On: agents in this status are offered no new work. Off: they keep taking work, like Ready."
        error={fieldErrors.pausesRouting}
      />
    </FormDialog>
  );
}
