import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { createApiTokenRequestSchema, type CreatedApiToken } from "../../common/api/auth.ts";
import { isApiError } from "../api/api-error.ts";
import { createApiToken } from "../api/api-tokens.api.ts";
import { fieldErrorsFromApiError, fieldErrorsFromZodError, hasFieldErrors, type FieldErrors } from "../api/field-errors.ts";
import { queryKeys } from "../api/query-keys.ts";
import { FormAlert } from "../components/form-alert.tsx";
import { TextField } from "../components/text-field.tsx";

const EXPIRY_CHOICES = [
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "never", label: "Never" },
] as const;

export function CreateTokenForm({ onCreated }: { onCreated: (created: CreatedApiToken) => void }) {
  const queryClient = useQueryClient();
  const expiryId = useId();
  const [name, setName] = useState("");
  const [expiry, setExpiry] = useState<string>("90");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  const create = useMutation({
    mutationFn: createApiToken,
    onSuccess: (created) => {
      setName("");
      void queryClient.invalidateQueries({ queryKey: queryKeys.apiTokens });
      onCreated(created);
    },
    onError: (error) => {
      setFieldErrors(fieldErrorsFromApiError(error));
    },
  });

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) {
      return;
    }
    const expiresInDays = expiry === "never" ? null : Number(expiry);
    // The same schema the server validates with.
    const parsed = createApiTokenRequestSchema.safeParse({ name, expiresInDays });
    if (!parsed.success) {
      setFieldErrors(fieldErrorsFromZodError(parsed.error));
      return;
    }
    setFieldErrors({});
    create.mutate(parsed.data);
  };

  const apiErrors = fieldErrorsFromApiError(create.error);
  const failure = isApiError(create.error) && !hasFieldErrors(apiErrors) ? create.error.message : null;
  return (
    <form className="form form-inline" onSubmit={handleSubmit} noValidate aria-label="Create an API token">
      <TextField
        label="Name"
        hint="What the token is for, e.g. “CRM sync”."
        name="name"
        maxLength={100}
        value={name}
        onChange={setName}
        error={fieldErrors.name}
      />
      <div className="field">
        <label className="field-label" htmlFor={expiryId}>
          Expires after
        </label>
        <p className="field-hint">Shorter is safer.</p>
        <select id={expiryId} className="field-input" value={expiry} onChange={(event) => setExpiry(event.target.value)}>
          {EXPIRY_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
        <p className="field-error">{fieldErrors.expiresInDays}</p>
      </div>
      <div className="form-inline-submit">
        <button type="submit" className="button button-primary" aria-disabled={create.isPending}>
          Create token
        </button>
      </div>
      <FormAlert message={failure} />
    </form>
  );
}
