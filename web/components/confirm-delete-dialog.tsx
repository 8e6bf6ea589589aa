import { useMutation } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { isApiError } from "../api/api-error.ts";
import { ConfirmDialog } from "./confirm-dialog.tsx";

interface ConfirmDeleteDialogProps<Item> {
  /** What is about to be deleted; null: the dialog is closed. */
  item: Item | null;
  title: string;
  confirmLabel: string;
  remove: (item: Item) => Promise<unknown>;
  /** After the server deleted it: update the caches, tell the page. */
  onDeleted: (item: Item) => void;
  onClose: () => void;
  /** What deleting it means, said plainly. */
  children: ReactNode;
}

// Confirm before delete, on the shared modal ConfirmDialog: the request runs once per click, its error stays in
// the dialog, and closing forgets it.
export function ConfirmDeleteDialog<Item>({ item, title, confirmLabel, remove, onDeleted, onClose, children }: ConfirmDeleteDialogProps<Item>) {
  const mutation = useMutation({ mutationFn: remove, onSuccess: (_result, target) => onDeleted(target) });
  const close = () => {
    mutation.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={item !== null}
      title={title}
      confirmLabel={confirmLabel}
      busy={mutation.isPending}
      error={isApiError(mutation.error) ? mutation.error.message : null}
      onCancel={close}
      onConfirm={() => {
        if (item !== null) {
          mutation.mutate(item);
        }
      }}
    >
      {children}
    </ConfirmDialog>
  );
}
