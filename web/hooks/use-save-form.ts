import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { isApiError } from "../api/api-error.ts";
import { fieldErrorsFromApiError, hasFieldErrors, type FieldErrors } from "../api/field-errors.ts";

interface SaveFormOptions<Changes, Saved> {
  save: (changes: Changes) => Promise<Saved>;
  /** Runs once the server has the change, before "Saved." shows (e.g. to put the answer in the cache). */
  onSaved: (saved: Saved) => void;
  /**
   * The form shows field errors next to its fields: a failure naming fields is then not repeated in the
   * form's alert. Forms without such fields show every failure in the alert.
   */
  showsFieldErrors?: boolean;
}

// A settings form saved with one button (toggles + Save): the mutation, the field errors from the server or
// from the schema checked before sending, the failure that names no field, and whether the last change is
// saved. Editing again clears "Saved.".
export function useSaveForm<Changes, Saved>({ save, onSaved, showsFieldErrors = false }: SaveFormOptions<Changes, Saved>) {
  const [saved, setSaved] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const mutation = useMutation({
    mutationFn: save,
    onSuccess: (result) => {
      onSaved(result);
      setSaved(true);
    },
    onError: (error) => setFieldErrors(fieldErrorsFromApiError(error)),
  });
  const namesFields = showsFieldErrors && hasFieldErrors(fieldErrorsFromApiError(mutation.error));
  return {
    busy: mutation.isPending,
    saved,
    fieldErrors,
    failure: isApiError(mutation.error) && !namesFields ? mutation.error.message : null,
    /** Call on every edit: the shown values are no longer the saved ones. */
    edited: () => setSaved(false),
    /** Shows errors found before sending (the same schema as the server's). */
    refuse: (errors: FieldErrors) => {
      setSaved(false);
      setFieldErrors(errors);
    },
    submit: (changes: Changes) => {
      setSaved(false);
      setFieldErrors({});
      mutation.mutate(changes);
    },
  };
}
