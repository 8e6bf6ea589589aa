import { useMutation, useQueryClient } from "@tanstack/react-query";
import { isApiError } from "../../api/api-error.ts";
import { agentQueryKeys, deleteAgents } from "../../api/agents.api.ts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";

interface DeleteAgentsDialogProps {
  /** The agents to delete; null while the dialog is closed. */
  agentIds: readonly string[] | null;
  onDeleted: (count: number) => void;
  onClose: () => void;
}

// seed 002, "Delete Agents": select, Delete, confirm. All of them go, or none when one cannot be deleted.
export function DeleteAgentsDialog({ agentIds, onDeleted, onClose }: DeleteAgentsDialogProps) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: deleteAgents,
    onSuccess: (count) => {
      void queryClient.invalidateQueries({ queryKey: agentQueryKeys.all });
      remove.reset();
      onDeleted(count);
    },
  });
  const count = agentIds?.length ?? 0;
  const noun = count === 1 ? "agent" : "agents";
  return (
    <ConfirmDialog
      open={agentIds !== null}
      title={`Delete ${count} ${noun}?`}
      confirmLabel={`Delete ${count} ${noun}`}
      busy={remove.isPending}
      error={isApiError(remove.error) ? remove.error.message : null}
      onCancel={() => {
        remove.reset();
        onClose();
      }}
      onConfirm={() => {
        if (agentIds) {
          remove.mutate(agentIds);
        }
      }}
    >
      <p>
        {count === 1 ? "This agent" : `These ${count} agents`} can no longer sign in; their team and queue memberships go too. This cannot be
        undone.
      </p>
    </ConfirmDialog>
  );
}
