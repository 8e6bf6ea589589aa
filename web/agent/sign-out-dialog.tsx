import { useId } from "react";
import type { OpenInteractionDisposition } from "../../common/api/interactions.ts";
import { useModalDialog } from "../hooks/use-modal-dialog.ts";

interface SignOutDialogProps {
  openCount: number | null;
  busy: boolean;
  onChoose: (choice: OpenInteractionDisposition) => void;
  onCancel: () => void;
}

function conversations(count: number): string {
  return count === 1 ? "1 open conversation" : `${count} open conversations`;
}

// Signing out with open conversations asks what happens to them (product.md, Presence). A native modal
// <dialog>: focus is trapped, Escape cancels, and focus starts on Cancel, the harmless choice.
export function SignOutDialog({ openCount, busy, onChoose, onCancel }: SignOutDialogProps) {
  const dialogRef = useModalDialog(openCount !== null, "[data-dialog-cancel]");
  const titleId = useId();
  const choose = (choice: OpenInteractionDisposition) => () => {
    if (!busy) {
      onChoose(choice);
    }
  };
  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 className="dialog-title" id={titleId}>
        Sign out with {conversations(openCount ?? 0)}?
      </h2>
      <div className="dialog-body">
        <p>Return them to the queue for another agent, or close them.</p>
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" data-dialog-cancel onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button" aria-disabled={busy} onClick={choose("close")}>
          Close them
        </button>
        <button type="button" className="button button-primary" aria-disabled={busy} onClick={choose("requeue")}>
          Return them to the queue
        </button>
      </div>
    </dialog>
  );
}
