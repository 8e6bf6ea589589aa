import { useEffect, useId, useRef } from "react";
import { CopyButton } from "../../components/copy-button.tsx";

interface InboundKeyNoticeProps {
  entryPointName: string;
  entryPointId: string;
  inboundKey: string;
  onDismiss: () => void;
}

// The inbound key exists in this page only until it is dismissed: the server keeps only its hash.
export function InboundKeyNotice({ entryPointName, entryPointId, inboundKey, onDismiss }: InboundKeyNoticeProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const keyId = useId();
  const titleId = useId();

  // Focus lands on the key that must be copied now, for keyboard and screen-reader users too.
  useEffect(() => {
    headingRef.current?.focus();
  }, [inboundKey]);

  return (
    <section className="notice notice-warning" aria-labelledby={titleId}>
      <h2 className="notice-title" id={titleId} ref={headingRef} tabIndex={-1}>
        Inbound key of “{entryPointName}”
      </h2>
      <p>
        <strong>Copy the key now: it won’t be shown again.</strong> The customer-facing system posts messages to{" "}
        <code>POST /api/v1/open-channel/{entryPointId}/messages</code> with <code>Authorization: Bearer &lt;key&gt;</code>.
      </p>
      <label className="field-label" htmlFor={keyId}>
        Inbound key
      </label>
      <div className="secret-row">
        <input id={keyId} className="field-input secret-input" readOnly value={inboundKey} onFocus={(event) => event.target.select()} spellCheck={false} />
        <CopyButton text={inboundKey} label="Copy key" />
      </div>
      <div className="form-actions">
        <button type="button" className="button" onClick={onDismiss}>
          Done
        </button>
      </div>
    </section>
  );
}
