import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { mfaLoginRequestSchema } from "../../common/api/mfa.ts";
import { isApiError } from "../api/api-error.ts";
import { completeMfaSignIn } from "../api/auth.api.ts";
import { fieldErrorsFromZodError, type FieldErrors } from "../api/field-errors.ts";
import { queryKeys } from "../api/query-keys.ts";
import { TextField } from "../components/text-field.tsx";
import { SessionForm } from "./session-form.tsx";
import { signInErrorMessage } from "./sign-in-error-message.ts";

interface MfaCodeFormProps {
  challengeId: string;
  /** The challenge is gone (expired, used up, account locked): back to the password, with why. */
  onRestart: (message: string) => void;
}

// The second step of a sign-in with two-step sign-in on: the 6-digit code of the authenticator app.
export function MfaCodeForm({ challengeId, onRestart }: MfaCodeFormProps) {
  const queryClient = useQueryClient();
  const [code, setCode] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [alertMessage, setAlertMessage] = useState<string | null>(null);

  const verify = useMutation({
    mutationFn: completeMfaSignIn,
    onSuccess: (session) => {
      queryClient.setQueryData(queryKeys.session, session);
    },
    onError: (error) => {
      setCode("");
      if (isApiError(error) && (error.code === "mfa_challenge_invalid" || error.status === 403)) {
        onRestart(error.message);
        return;
      }
      setAlertMessage(signInErrorMessage(error, false));
    },
  });

  const handleSubmit = () => {
    const parsed = mfaLoginRequestSchema.safeParse({ challengeId, code });
    if (!parsed.success) {
      setFieldErrors(fieldErrorsFromZodError(parsed.error));
      setAlertMessage(null);
      return;
    }
    setFieldErrors({});
    setAlertMessage(null);
    verify.mutate(parsed.data);
  };

  return (
    <SessionForm
      label="Two-step sign-in"
      submitLabel="Verify"
      busy={verify.isPending}
      failure={alertMessage}
      onSubmit={handleSubmit}
      secondaryAction={
        <button type="button" className="button button-block" onClick={() => onRestart("")}>
          Use another account
        </button>
      }
    >
      <p>Open your authenticator app and enter the 6-digit code it shows for Switchboard.</p>
      <TextField
        label="Authentication code"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]*"
        maxLength={6}
        autoFocus
        required
        className="field-input-code"
        value={code}
        onChange={(value) => setCode(value.replace(/\s/g, ""))}
        error={fieldErrors.code}
      />
    </SessionForm>
  );
}
