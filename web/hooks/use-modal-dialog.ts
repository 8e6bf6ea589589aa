import { useEffect, useRef, type RefObject } from "react";

// Opens and closes a native <dialog> as a modal from React state: the browser traps focus and gives it back
// where it was when the dialog closes. When it opens, focus goes to the first element matching
// `initialFocus`.
export function useModalDialog(open: boolean, initialFocus: string): RefObject<HTMLDialogElement | null> {
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) {
      return;
    }
    if (open && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>(initialFocus)?.focus();
    }
    if (!open && dialog.open) {
      dialog.close();
    }
  }, [open, initialFocus]);

  return dialogRef;
}
