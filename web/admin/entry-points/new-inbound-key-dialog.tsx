import { useMutation } from "@tanstack/react-query";
import type { EntryPoint } from "../../../common/api/entry-points.ts";
import { isApiError } from "../../api/api-error.ts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { rotateInboundKey } from "./entry-points.api.ts";

interface NewInboundKeyDialogProps {
  entryPoint: EntryPoint | null;
  onClose: () => void;
  onReplaced: (entryPoint: EntryPoint, inboundKey: string) => void;
}

// Replacing the inbound key stops the old one at once: confirm first.
export function NewInboundKeyDialog({ entryPoint, onClose, onReplaced }: NewInboundKeyDialogProps) {
  const replace = useMutation({
    mutationFn: (target: EntryPoint) => rotateInboundKey(target.id),
    onSuccess: (result, target) => onReplaced(target, result.inboundKey),
  });
  const close = () => {
    replace.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={entryPoint !== null}
      title="Replace the inbound key?"
      confirmLabel="Replace key"
      busy={replace.isPending}
      error={isApiError(replace.error) ? replace.error.message : null}
      onCancel={close}
      onConfirm={() => {
        if (entryPoint) {
          replace.mutate(entryPoint);
        }
      }}
    >
      <p>The current key of “{entryPoint?.name}” stops working at once; the system that posts customers' messages needs the new one.</p>
    </ConfirmDialog>
  );
}
