import { useId, type FormEvent, type ReactNode } from "react";
import { useModalDialog } from "../hooks/use-modal-dialog.ts";
import { FormAlert } from "./form-alert.tsx";

interface FormDialogProps {
  open: boolean;
  title: string;
  submitLabel: string;
  busy: boolean;
  error: string | null;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}

// A modal form on the native <dialog>: focus is trapped, Escape cancels, focus starts on the first field and
// returns where it was when the dialog closes.
export function FormDialog({ open, title, submitLabel, busy, error, onSubmit, onClose, children }: FormDialogProps) {
  const dialogRef = useModalDialog(open, "input, select, textarea");
  const titleId = useId();

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!busy) {
      onSubmit();
    }
  };

  return (
    <dialog
      ref={dialogRef}
      className="dialog dialog-wide"
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape: let React state, not the browser, decide that the dialog closes.
        event.preventDefault();
        onClose();
      }}
    >
      <h2 className="dialog-title" id={titleId}>
        {title}
      </h2>
      <form className="form" onSubmit={handleSubmit} noValidate>
        {open ? children : null}
        <FormAlert message={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" aria-disabled={busy}>
            {submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
