import { useQueryClient } from "@tanstack/react-query";
import type { EntryPoint } from "../../../common/api/entry-points.ts";
import { ConfirmDeleteDialog } from "../../components/confirm-delete-dialog.tsx";
import { deleteEntryPoint, entryPointQueryKeys } from "./entry-points.api.ts";

interface DeleteEntryPointDialogProps {
  entryPoint: EntryPoint | null;
  onClose: () => void;
  onDeleted: (entryPoint: EntryPoint) => void;
}

// Confirm before delete: new messages to its address are refused at once.
export function DeleteEntryPointDialog({ entryPoint, onClose, onDeleted }: DeleteEntryPointDialogProps) {
  const queryClient = useQueryClient();
  return (
    <ConfirmDeleteDialog
      item={entryPoint}
      title="Delete this entry point?"
      confirmLabel="Delete entry point"
      remove={(target) => deleteEntryPoint(target.id)}
      onDeleted={(target) => {
        void queryClient.invalidateQueries({ queryKey: entryPointQueryKeys.all });
        onDeleted(target);
      }}
      onClose={onClose}
    >
      <p>
        “{entryPoint?.name}” ({entryPoint?.address}) is deleted: new messages to it are refused
        {entryPoint?.channel === "openchannel" ? " and replies still waiting for its webhook are not delivered" : ""}. This cannot be undone.
      </p>
    </ConfirmDeleteDialog>
  );
}
