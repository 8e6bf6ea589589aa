import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import type { CoachingTargetInput, RecipientsPreview } from "../../../common/api/coaching.ts";
import { previewRecipients } from "../../api/coaching.api.ts";
import { FormAlert } from "../../components/form-alert.tsx";
import { useModalDialog } from "../../hooks/use-modal-dialog.ts";
import { GROUP_KIND_LABELS } from "./compose-selection.ts";

interface ConfirmSendDialogProps {
  /** The message and who it goes to; null while closed. */
  pending: { body: string; target: CoachingTargetInput } | null;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** seed 001: "For a single agent, their name is displayed. For multiple agents, the number of agents." */
export function recipientsText(preview: RecipientsPreview): string {
  if (preview.kind === "agent") {
    return preview.name;
  }
  const agents = `${preview.count} ${preview.count === 1 ? "agent" : "agents"}`;
  return `${agents} (${GROUP_KIND_LABELS[preview.kind].toLowerCase()} ${preview.name})`;
}

// The confirmation before a message leaves: the message, and who it goes to as the server resolves it now.
// Focus starts on Cancel; a sent message cannot be undone.
export function ConfirmSendDialog({ pending, busy, error, onConfirm, onCancel }: ConfirmSendDialogProps) {
  const dialogRef = useModalDialog(pending !== null, "[data-dialog-cancel]");
  const titleId = useId();
  const preview = useQuery({
    queryKey: ["coaching", "preview", pending?.target ?? null],
    queryFn: () => previewRecipients(pending?.target ?? { kind: "agent", agentId: "" }),
    enabled: pending !== null,
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
  const reachesNobody = preview.data?.count === 0;
  const canSend = preview.isSuccess && !reachesNobody && !busy;
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
        Send this coaching message?
      </h2>
      <div className="dialog-body">
        <blockquote className="coaching-quote">{pending?.body}</blockquote>
        <p className="coaching-recipients" role="status">
          {preview.data ? (
            <>
              To: <strong>{recipientsText(preview.data)}</strong>
            </>
          ) : preview.isError ? (
            preview.error.message
          ) : (
            "Finding the recipients…"
          )}
        </p>
        {reachesNobody ? <p>No agent you may message is in this group with these filters.</p> : <p>Agents cannot reply, and a sent message cannot be undone.</p>}
      </div>
      <FormAlert message={error} />
      <div className="dialog-actions">
        <button type="button" className="button" data-dialog-cancel onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className="button button-primary"
          aria-disabled={!canSend}
          onClick={() => {
            if (canSend) {
              onConfirm();
            }
          }}
        >
          {busy ? "Sending…" : "Send"}
        </button>
      </div>
    </dialog>
  );
}
