import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { setAgentPasswordRequestSchema } from "../../../common/api/agents.ts";
import { PASSWORD_SYMBOLS } from "../../../common/domain/password-policy.ts";
import { isApiError } from "../../api/api-error.ts";
import { agentQueryKeys, setAgentPassword } from "../../api/agents.api.ts";
import { TextField } from "../../components/text-field.tsx";
import { FormDialog } from "../../components/form-dialog.tsx";
import { agentErrorsFromApiError, agentErrorsFromZodError, hasErrors, type AgentFieldErrors } from "./agent-field-errors.ts";

interface ChangePasswordDialogProps {
  agentId: string;
  open: boolean;
  onClose: () => void;
}

// seed 002, the key button: a new password for the agent. Their open sessions end at once.
export function ChangePasswordDialog({ agentId, open, onClose }: ChangePasswordDialogProps) {
  const queryClient = useQueryClient();
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<AgentFieldErrors>({});
  const [done, setDone] = useState(false);
  const change = useMutation({
    mutationFn: (newPassword: string) => setAgentPassword(agentId, newPassword),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: agentQueryKeys.detail(agentId) });
      setPassword("");
      setDone(true);
    },
    onError: (error) => setErrors(agentErrorsFromApiError(error)),
  });
  const close = () => {
    setPassword("");
    setErrors({});
    setDone(false);
    change.reset();
    onClose();
  };
  const submit = () => {
    if (done) {
      close();
      return;
    }
    const parsed = setAgentPasswordRequestSchema.safeParse({ password });
    if (!parsed.success || password === "") {
      setErrors(parsed.success ? { password: "Required" } : agentErrorsFromZodError(parsed.error));
      return;
    }
    setErrors({});
    change.mutate(password);
  };
  const failure = isApiError(change.error) && !hasErrors(agentErrorsFromApiError(change.error)) ? change.error.message : null;
  return (
    <FormDialog open={open} title="Change password" submitLabel={done ? "Close" : "Change password"} busy={change.isPending} error={failure} onSubmit={submit} onClose={close}>
      {done ? (
        <p role="status">The password is changed. The agent was signed out everywhere and signs in with the new one.</p>
      ) : (
        <TextField
          label="New password"
          hint={`With the security suite on: at least 8 characters, a lower-case and an upper-case letter, a digit and one of ${PASSWORD_SYMBOLS}`}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          error={errors.password}
        />
      )}
    </FormDialog>
  );
}
