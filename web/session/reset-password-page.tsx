import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { PasswordPolicy } from "../../common/api/password-reset.ts";
import { passwordProblems } from "../../common/domain/password-policy.ts";
import { fieldIssuesOf, isApiError } from "../api/api-error.ts";
import { fetchPasswordPolicy, passwordResetQueryKeys, resetPassword } from "../api/password-reset.api.ts";
import { TextField } from "../components/text-field.tsx";
import { useDocumentTitle } from "../hooks/use-document-title.ts";
import { SessionCard } from "./session-card.tsx";
import { SessionForm } from "./session-form.tsx";

interface ResetErrors {
  password?: string;
  confirmation?: string;
}

function policyHint(policy: PasswordPolicy | undefined): string | undefined {
  if (!policy?.strict) {
    return undefined;
  }
  return `At least ${policy.minimumLength} characters, with a lower-case and an upper-case letter, a digit and one of ${policy.symbols}`;
}

// Every problem of the password, without the field name (it is next to the field).
function problemsText(messages: string[]): string | undefined {
  if (messages.length === 0) {
    return undefined;
  }
  const text = messages.map((message) => message.replace(/^password: /, "")).join("; ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// The page of the e-mailed link: /reset-password?token=…
export function ResetPasswordPage() {
  useDocumentTitle("Choose a new password");
  const [searchParams] = useSearchParams();
  const token = searchParams.get("token") ?? "";
  const policy = useQuery({ queryKey: passwordResetQueryKeys.policy, queryFn: fetchPasswordPolicy });
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [errors, setErrors] = useState<ResetErrors>({});
  const reset = useMutation({
    mutationFn: resetPassword,
    onError: (error) => {
      const password = problemsText(fieldIssuesOf(error).filter((issue) => issue.field === "password").map((issue) => issue.message));
      setErrors(password ? { password } : {});
    },
  });

  if (token === "") {
    return (
      <SessionCard title="Choose a new password">
        <p role="alert">This link is incomplete. Open the link from the e-mail again, or ask for a new one.</p>
        <p className="sign-in-aside">
          <Link to="/forgot-password">Ask for a new link</Link>
        </p>
      </SessionCard>
    );
  }
  if (reset.isSuccess) {
    return (
      <SessionCard title="Password changed">
        <p role="status">Your password has been changed. Sign in with your new password.</p>
        <Link to="/login" className="button button-primary button-block">
          Sign in
        </Link>
      </SessionCard>
    );
  }

  const handleSubmit = () => {
    // The policy the server applies; the server checks again.
    const next: ResetErrors = {
      password: problemsText(passwordProblems(password, policy.data?.strict ?? false)),
      confirmation: confirmation === password ? undefined : "The two passwords are not the same",
    };
    setErrors(next);
    if (next.password || next.confirmation) {
      return;
    }
    reset.mutate({ token, password });
  };

  const linkInvalid = isApiError(reset.error) && reset.error.code === "reset_link_invalid";
  const failure = isApiError(reset.error) && fieldIssuesOf(reset.error).length === 0 ? reset.error.message : null;
  return (
    <SessionCard title="Choose a new password">
      <SessionForm label="Choose a new password" submitLabel="Change password" busy={reset.isPending} failure={failure} onSubmit={handleSubmit}>
        <TextField
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          autoFocus
          required
          hint={policyHint(policy.data)}
          value={password}
          onChange={setPassword}
          error={errors.password}
        />
        <TextField
          label="Repeat the new password"
          name="confirmation"
          type="password"
          autoComplete="new-password"
          required
          value={confirmation}
          onChange={setConfirmation}
          error={errors.confirmation}
        />
      </SessionForm>
      <p className="sign-in-aside">
        {linkInvalid ? <Link to="/forgot-password">Ask for a new link</Link> : <Link to="/login">Back to sign in</Link>}
      </p>
    </SessionCard>
  );
}
