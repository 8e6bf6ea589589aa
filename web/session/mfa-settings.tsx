import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { mfaCodeRequestSchema, type MfaEnrolment } from "../../common/api/mfa.ts";
import { isApiError } from "../api/api-error.ts";
import { fieldErrorsFromApiError, fieldErrorsFromZodError, hasFieldErrors, type FieldErrors } from "../api/field-errors.ts";
import { disableOwnMfa, fetchOwnMfaStatus, mfaQueryKeys, startMfaEnrolment, verifyMfaEnrolment } from "../api/mfa.api.ts";
import { CopyButton } from "../components/copy-button.tsx";
import { DateTime } from "../components/date-time.tsx";
import { FormAlert } from "../components/form-alert.tsx";
import { LoadError } from "../components/load-error.tsx";
import { TextField } from "../components/text-field.tsx";

interface CodeFormProps {
  label: string;
  submitLabel: string;
  submit: (code: string) => Promise<unknown>;
  onDone: () => void;
}

// A 6-digit code from the authenticator app, checked with the server's schema before it is sent.
function CodeForm({ label, submitLabel, submit, onDone }: CodeFormProps) {
  const [code, setCode] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const send = useMutation({ mutationFn: submit, onSuccess: onDone, onError: (error) => setFieldErrors(fieldErrorsFromApiError(error)) });
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (send.isPending) {
      return;
    }
    const parsed = mfaCodeRequestSchema.safeParse({ code });
    if (!parsed.success) {
      setFieldErrors(fieldErrorsFromZodError(parsed.error));
      return;
    }
    setFieldErrors({});
    send.mutate(parsed.data.code);
  };
  const failure = isApiError(send.error) && !hasFieldErrors(fieldErrorsFromApiError(send.error)) ? send.error.message : null;
  return (
    <form className="form" onSubmit={handleSubmit} noValidate aria-label={submitLabel}>
      <TextField
        label={label}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        className="field-input-code"
        value={code}
        onChange={(value) => setCode(value.replace(/\s/g, ""))}
        error={fieldErrors.code}
      />
      <FormAlert message={failure} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-disabled={send.isPending}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

function EnrolmentSteps({ enrolment, onDone, onCancel }: { enrolment: MfaEnrolment; onDone: () => void; onCancel: () => void }) {
  return (
    <div className="mfa-enrolment">
      <ol className="steps">
        <li>
          <p>Scan this QR code with an authenticator app (such as Google Authenticator, Microsoft Authenticator or 1Password).</p>
          <img className="mfa-qr-code" src={enrolment.qrCodeDataUrl} alt="QR code to scan with your authenticator app" width={240} height={240} />
          <p className="field-hint">Can’t scan it? Enter this key in the app instead:</p>
          <div className="secret-row">
            <code className="mfa-secret" aria-label="Setup key">
              {enrolment.secret}
            </code>
            <CopyButton text={enrolment.secret} label="Copy key" />
          </div>
        </li>
        <li>
          <p>Enter the 6-digit code the app shows, within 10 minutes.</p>
          <CodeForm label="Code from the app" submitLabel="Turn on" submit={verifyMfaEnrolment} onDone={onDone} />
        </li>
      </ol>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

// Two-step sign-in for the signed-in person: turn it on with a QR code and a code, or off with a code.
export function MfaSettings() {
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: mfaQueryKeys.own, queryFn: fetchOwnMfaStatus });
  const [enrolment, setEnrolment] = useState<MfaEnrolment | null>(null);
  const start = useMutation({ mutationFn: startMfaEnrolment, onSuccess: setEnrolment });
  const refresh = () => {
    setEnrolment(null);
    void queryClient.invalidateQueries({ queryKey: mfaQueryKeys.own });
  };

  if (status.isError) {
    return <LoadError message="Your two-step sign-in could not be loaded." onRetry={() => void status.refetch()} />;
  }
  if (!status.data) {
    return <p role="status">Loading…</p>;
  }
  if (status.data.enabled) {
    return (
      <>
        <p role="status">
          Two-step sign-in is <strong>on</strong> since <DateTime value={status.data.enabledAt} />. Each sign-in asks for a code from your app.
        </p>
        <CodeForm label="Code from the app, to turn it off" submitLabel="Turn off" submit={disableOwnMfa} onDone={refresh} />
      </>
    );
  }
  if (enrolment) {
    return <EnrolmentSteps enrolment={enrolment} onDone={refresh} onCancel={() => setEnrolment(null)} />;
  }
  return (
    <>
      <p role="status">
        Two-step sign-in is <strong>off</strong>. Turn it on to be asked for a code from an authenticator app after your password.
      </p>
      <FormAlert message={isApiError(start.error) ? start.error.message : null} />
      <button type="button" className="button button-primary" aria-disabled={start.isPending} onClick={() => !start.isPending && start.mutate()}>
        Turn on two-step sign-in
      </button>
    </>
  );
}
