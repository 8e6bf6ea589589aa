import { useId, type ReactNode } from "react";
import { useModalDialog } from "../hooks/use-modal-dialog.ts";
import { FormAlert } from "./form-alert.tsx";

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** The harmless choice's label (default "Cancel"). */
  cancelLabel?: string;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

// A modal confirmation on the native <dialog>: the browser traps focus, closes on Escape and gives
// focus back when it closes. Focus starts on Cancel, the harmless choice.
export function ConfirmDialog({ open, title, children, confirmLabel, cancelLabel = "Cancel", busy = false, error = null, onConfirm, onCancel }: ConfirmDialogProps) {
  const dialogRef = useModalDialog(open, "[data-dialog-cancel]");
  const titleId = useId();

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape: let React state, not the browser, decide that the dialog closes.
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 className="dialog-title" id={titleId}>
        {title}
      </h2>
      <div className="dialog-body">{children}</div>
      <FormAlert message={error} />
      <div className="dialog-actions">
        <button type="button" className="button" data-dialog-cancel onClick={onCancel}>
          {cancelLabel}
        </button>
        <button
          type="button"
          className="button button-danger"
          aria-disabled={busy}
          onClick={() => {
            if (!busy) {
              onConfirm();
            }
          }}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
