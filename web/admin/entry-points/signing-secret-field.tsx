import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { EntryPoint } from "../../../common/api/entry-points.ts";
import { isApiError } from "../../api/api-error.ts";
import { CopyButton } from "../../components/copy-button.tsx";
import { entryPointQueryKeys, rotateWebhookSecret } from "./entry-points.api.ts";

// The open channel's webhook signing secret: the receiver verifies each delivery with it (README, Open
// channel), so admins see it, copy it, and replace it, after a confirmation, when it may have leaked.
export function SigningSecretField({ entryPoint }: { entryPoint: EntryPoint }) {
  const queryClient = useQueryClient();
  const id = useId();
  const [secret, setSecret] = useState(entryPoint.webhookSecret ?? "");
  const [confirming, setConfirming] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const rotate = useMutation({
    mutationFn: () => rotateWebhookSecret(entryPoint.id),
    onSuccess: (updated) => {
      setSecret(updated.webhookSecret ?? "");
      setConfirming(false);
      setAnnouncement("Replaced: replies are signed with the new secret from now on.");
      void queryClient.invalidateQueries({ queryKey: entryPointQueryKeys.all });
    },
  });
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        Signing secret
      </label>
      <p className="field-hint">The receiver checks the X-Switchboard-Signature of each reply with it.</p>
      <div className="secret-row">
        <input id={id} className="field-input secret-input" readOnly value={secret} spellCheck={false} onFocus={(event) => event.target.select()} />
        <CopyButton text={secret} label="Copy secret" />
      </div>
      {confirming ? (
        <div className="secret-confirm" role="group" aria-label="Replace the signing secret">
          <p>The receiver must switch to the new secret at once, or it will refuse the replies.</p>
          <button type="button" className="button button-danger" aria-disabled={rotate.isPending} onClick={() => !rotate.isPending && rotate.mutate()}>
            Replace secret
          </button>{" "}
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      ) : (
        <div>
          <button type="button" className="button button-small" onClick={() => setConfirming(true)}>
            Replace signing secret…
          </button>
        </div>
      )}
      <p className="form-status" role="status">
        {announcement}
      </p>
      <p className="field-error">{isApiError(rotate.error) ? rotate.error.message : null}</p>
    </div>
  );
}
