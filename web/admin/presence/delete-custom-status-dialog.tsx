import { useQueryClient } from "@tanstack/react-query";
import type { CustomStatus } from "../../../common/api/presence.ts";
import { presenceQueryKeys } from "../../api/presence.api.ts";
import { ConfirmDeleteDialog } from "../../components/confirm-delete-dialog.tsx";
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
  return (
    <ConfirmDeleteDialog
      item={status}
      title="Delete this status?"
      confirmLabel="Delete status"
      remove={(target) => deleteCustomStatus(target.id)}
      onDeleted={(target) => {
        queryClient.setQueryData<CustomStatus[]>(presenceQueryKeys.customStatuses, (statuses) => statuses?.filter((item) => item.id !== target.id));
        void queryClient.invalidateQueries({ queryKey: presenceQueryKeys.customStatuses });
        onDeleted(target);
      }}
      onClose={onClose}
    >
      <p>
        “{status?.name}” is no longer offered in the desktop.{" "}
        {status?.pausesRouting ? "It cannot be deleted while an agent is in it." : "Agents in it now become Ready."} This cannot be undone.
      </p>
    </ConfirmDeleteDialog>
  );
}
