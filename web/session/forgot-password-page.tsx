import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { FORGOT_PASSWORD_MESSAGE, forgotPasswordRequestSchema } from "../../common/api/password-reset.ts";
import { isApiError } from "../api/api-error.ts";
import { fieldErrorsFromApiError, fieldErrorsFromZodError, hasFieldErrors, type FieldErrors } from "../api/field-errors.ts";
import { requestPasswordReset } from "../api/password-reset.api.ts";
import { TextField } from "../components/text-field.tsx";
import { useDocumentTitle } from "../hooks/use-document-title.ts";
import { SessionCard } from "./session-card.tsx";
import { SessionForm } from "./session-form.tsx";

// product.md: forgotten password by e-mail link. The page says the same thing whether or not the account
// exists, as the server does.
export function ForgotPasswordPage() {
  useDocumentTitle("Forgot password");
  const [usernameOrEmail, setUsernameOrEmail] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const request = useMutation({
    mutationFn: requestPasswordReset,
    onError: (error) => setFieldErrors(fieldErrorsFromApiError(error)),
  });

  const handleSubmit = () => {
    const parsed = forgotPasswordRequestSchema.safeParse({ usernameOrEmail });
    if (!parsed.success) {
      setFieldErrors(fieldErrorsFromZodError(parsed.error));
      return;
    }
    setFieldErrors({});
    request.mutate(parsed.data);
  };

  if (request.isSuccess) {
    return (
      <SessionCard title="Check your e-mail">
        <p role="status">{FORGOT_PASSWORD_MESSAGE}</p>
        <p className="sign-in-aside">
          <Link to="/login">Back to sign in</Link>
        </p>
      </SessionCard>
    );
  }

  const apiErrors = fieldErrorsFromApiError(request.error);
  const failure = isApiError(request.error) && !hasFieldErrors(apiErrors) ? request.error.message : null;
  return (
    <SessionCard title="Forgot password">
      <SessionForm label="Forgot password" submitLabel="Send the link" busy={request.isPending} failure={failure} onSubmit={handleSubmit}>
        <p>Enter your username or e-mail address. We will e-mail you a link to choose a new password.</p>
        <TextField
          label="Username or e-mail"
          name="usernameOrEmail"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          required
          value={usernameOrEmail}
          onChange={setUsernameOrEmail}
          error={fieldErrors.usernameOrEmail}
        />
      </SessionForm>
      <p className="sign-in-aside">
        <Link to="/login">Back to sign in</Link>
      </p>
    </SessionCard>
  );
}
