import { useEffect, useId, useRef } from "react";
import type { CreatedApiToken } from "../../common/api/auth.ts";
import { CopyButton } from "../components/copy-button.tsx";

interface CreatedTokenNoticeProps {
  created: CreatedApiToken;
  onDismiss: () => void;
}

// The secret exists in this page only until it is dismissed: the server keeps only its hash.
export function CreatedTokenNotice({ created, onDismiss }: CreatedTokenNoticeProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const secretId = useId();
  const titleId = useId();

  // Move focus here so keyboard and screen-reader users land on the secret they must copy.
  useEffect(() => {
    headingRef.current?.focus();
  }, [created.token.id]);

  return (
    <section className="notice notice-warning" aria-labelledby={titleId}>
      <h2 className="notice-title" id={titleId} ref={headingRef} tabIndex={-1}>
        Token “{created.token.name}” created
      </h2>
      <p>
        <strong>Copy the secret now: it won’t be shown again.</strong> Store it somewhere safe, such as a password
        manager. Send it as <code>Authorization: Bearer &lt;secret&gt;</code>.
      </p>
      <label className="field-label" htmlFor={secretId}>
        Secret
      </label>
      <div className="secret-row">
        <input
          id={secretId}
          className="field-input secret-input"
          readOnly
          value={created.secret}
          onFocus={(event) => event.target.select()}
          spellCheck={false}
        />
        <CopyButton text={created.secret} label="Copy secret" />
      </div>
      <div className="form-actions">
        <button type="button" className="button" onClick={onDismiss}>
          Done
        </button>
      </div>
    </section>
  );
}
