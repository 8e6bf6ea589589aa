import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { loginRequestSchema } from "../../common/api/auth.ts";
import { isMfaChallenge } from "../../common/api/mfa.ts";
import { signIn } from "../api/auth.api.ts";
import { fieldErrorsFromApiError, fieldErrorsFromZodError, hasFieldErrors, type FieldErrors } from "../api/field-errors.ts";
import { queryKeys } from "../api/query-keys.ts";
import { TextField } from "../components/text-field.tsx";
import { MfaCodeForm } from "./mfa-code-form.tsx";
import { SessionForm } from "./session-form.tsx";
import { signInErrorMessage } from "./sign-in-error-message.ts";

export function SignInForm() {
  const queryClient = useQueryClient();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [alertMessage, setAlertMessage] = useState<string | null>(null);
  // Set after a right password when two-step sign-in is on: the code step follows.
  const [challengeId, setChallengeId] = useState<string | null>(null);

  const signInMutation = useMutation({
    mutationFn: signIn,
    // The sign-in page sees the session and moves on to where the person was going.
    onSuccess: (result) => {
      setPassword("");
      if (isMfaChallenge(result)) {
        setChallengeId(result.challengeId);
        return;
      }
      queryClient.setQueryData(queryKeys.session, result);
    },
    onError: (error) => {
      const errors = fieldErrorsFromApiError(error);
      setFieldErrors(errors);
      setAlertMessage(signInErrorMessage(error, hasFieldErrors(errors)));
      setPassword("");
    },
  });

  const handleSubmit = () => {
    // The same schema the server validates with.
    const parsed = loginRequestSchema.safeParse({ username, password });
    if (!parsed.success) {
      setFieldErrors(fieldErrorsFromZodError(parsed.error));
      setAlertMessage(null);
      return;
    }
    setFieldErrors({});
    setAlertMessage(null);
    signInMutation.mutate(parsed.data);
  };

  if (challengeId !== null) {
    return (
      <MfaCodeForm
        challengeId={challengeId}
        onRestart={(message) => {
          setChallengeId(null);
          setAlertMessage(message || null);
        }}
      />
    );
  }

  return (
    <>
      <SessionForm label="Sign in" submitLabel="Sign in" busy={signInMutation.isPending} failure={alertMessage} onSubmit={handleSubmit}>
        <TextField
          label="Username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          required
          value={username}
          onChange={setUsername}
          error={fieldErrors.username}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={setPassword}
          error={fieldErrors.password}
        />
      </SessionForm>
      <p className="sign-in-aside">
        <Link to="/forgot-password">Forgot password?</Link>
      </p>
    </>
  );
}
