import { useEffect, useId, useRef, type KeyboardEvent } from "react";
import { DateTime } from "../../components/date-time.tsx";
import { useCoaching } from "./coaching-state.ts";

// seed 001, Fig 9–11: the day's messages in one dialog, newest added as they arrive. It is not modal: the
// conversation in progress, its reply box and every interaction keep working while it is open. Escape or
// Close puts it away and gives focus back where it was.
export function CoachingMessagesDialog() {
  const coaching = useCoaching();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const listEnd = useRef<HTMLLIElement>(null);
  const titleId = useId();
  const open = coaching?.dialogOpen ?? false;
  const count = coaching?.messages.length ?? 0;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) {
      return;
    }
    if (open && !dialog.open) {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.show();
      closeRef.current?.focus();
    }
    if (!open && dialog.open) {
      dialog.close();
      returnFocus.current?.focus();
    }
  }, [open]);

  // The newest message is at the end: keep it in view as messages arrive.
  useEffect(() => {
    if (open) {
      listEnd.current?.scrollIntoView({ block: "nearest" });
    }
  }, [open, count]);

  if (!coaching) {
    return null;
  }
  const handleKeyDown = (event: KeyboardEvent<HTMLDialogElement>): void => {
    if (event.key === "Escape") {
      event.stopPropagation();
      coaching.closeDialog();
    }
  };
  return (
    <dialog ref={dialogRef} className="coaching-dialog" aria-labelledby={titleId} onKeyDown={handleKeyDown}>
      <div className="coaching-dialog-header">
        <h2 className="dialog-title" id={titleId}>
          Coaching messages
        </h2>
        <button ref={closeRef} type="button" className="button button-small" onClick={coaching.closeDialog}>
          Close
        </button>
      </div>
      <p className="coaching-dialog-intro">Today’s messages from your supervisors. They are cleared overnight; you cannot reply to them.</p>
      {coaching.messages.length === 0 ? (
        <p className="coaching-dialog-empty">{coaching.loaded ? "No coaching messages today." : "Loading…"}</p>
      ) : (
        <ol className="coaching-dialog-list" aria-live="polite" aria-relevant="additions">
          {coaching.messages.map((message) => (
            <li key={message.id} className="coaching-dialog-message">
              <p className="coaching-dialog-meta">
                <strong>{message.senderName}</strong> · <DateTime value={message.sentAt} />
              </p>
              <p className="coaching-dialog-body">{message.body}</p>
            </li>
          ))}
          <li ref={listEnd} className="coaching-dialog-end" aria-hidden="true" />
        </ol>
      )}
    </dialog>
  );
}
