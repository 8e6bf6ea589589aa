import type { FormEvent, ReactNode } from "react";
import { FormAlert } from "../components/form-alert.tsx";

interface SessionFormProps {
  /** The form's accessible name. */
  label: string;
  submitLabel: string;
  busy: boolean;
  /** A failure that names no field (field errors show next to their field). */
  failure: string | null;
  /** Runs on submit unless a request is still under way. */
  onSubmit: () => void;
  children: ReactNode;
  /** Shown under the submit button, e.g. a way back. */
  secondaryAction?: ReactNode;
}

// The forms of the signed-out pages (sign in, two-step code, forgot and reset password): fields, the failure
// alert and a full-width submit button that does nothing while the request is under way.
export function SessionForm({ label, submitLabel, busy, failure, onSubmit, children, secondaryAction }: SessionFormProps) {
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!busy) {
      onSubmit();
    }
  };
  return (
    <form className="form" onSubmit={handleSubmit} noValidate aria-label={label}>
      {children}
      <FormAlert message={failure} />
      <button type="submit" className="button button-primary button-block" aria-disabled={busy}>
        {submitLabel}
      </button>
      {secondaryAction}
    </form>
  );
}
