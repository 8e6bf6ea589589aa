import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CustomStatus } from "../../../common/api/presence.ts";
import { isApiError } from "../../api/api-error.ts";
import { presenceQueryKeys } from "../../api/presence.api.ts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { deleteCustomStatus } from "./custom-statuses.api.ts";

interface DeleteCustomStatusDialogProps {
  status: CustomStatus | null;
  onClose: () => void;
  onDeleted: (status: CustomStatus) => void;
}

// Confirm before delete. The server refuses a status that pauses routing while anyone is in it, and moves the
// agents of one that does not to Ready.
export function DeleteCustomStatusDialog({ status, onClose, onDeleted }: DeleteCustomStatusDialogProps) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (target: CustomStatus) => deleteCustomStatus(target.id),
    onSuccess: (_result, target) => {
      queryClient.setQueryData<CustomStatus[]>(presenceQueryKeys.customStatuses, (statuses) => statuses?.filter((item) => item.id !== target.id));
      void queryClient.invalidateQueries({ queryKey: presenceQueryKeys.customStatuses });
      onDeleted(target);
    },
  });
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={status !== null}
      title="Delete this status?"
      confirmLabel="Delete status"
      busy={remove.isPending}
      error={isApiError(remove.error) ? remove.error.message : null}
      onCancel={close}
      onConfirm={() => {
        if (status) {
          remove.mutate(status);
        }
      }}
    >
      <p>
        “{status?.name}” is no longer offered in the desktop.{" "}
        {status?.pausesRouting ? "It cannot be deleted while an agent is in it." : "Agents in it now become Ready."} This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
