import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { EntryPoint } from "../../../common/api/entry-points.ts";
import { isApiError } from "../../api/api-error.ts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { deleteEntryPoint, entryPointQueryKeys } from "./entry-points.api.ts";

interface DeleteEntryPointDialogProps {
  entryPoint: EntryPoint | null;
  onClose: () => void;
  onDeleted: (entryPoint: EntryPoint) => void;
}

// Confirm before delete: new messages to its address are refused at once.
export function DeleteEntryPointDialog({ entryPoint, onClose, onDeleted }: DeleteEntryPointDialogProps) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (target: EntryPoint) => deleteEntryPoint(target.id),
    onSuccess: (_result, target) => {
      void queryClient.invalidateQueries({ queryKey: entryPointQueryKeys.all });
      onDeleted(target);
    },
  });
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={entryPoint !== null}
      title="Delete this entry point?"
      confirmLabel="Delete entry point"
      busy={remove.isPending}
      error={isApiError(remove.error) ? remove.error.message : null}
      onCancel={close}
      onConfirm={() => {
        if (entryPoint) {
          remove.mutate(entryPoint);
        }
      }}
    >
      <p>
        “{entryPoint?.name}” ({entryPoint?.address}) is deleted: new messages to it are refused
        {entryPoint?.channel === "openchannel" ? " and replies still waiting for its webhook are not delivered" : ""}. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
