import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiToken } from "../../common/api/auth.ts";
import { isApiError } from "../api/api-error.ts";
import { revokeApiToken } from "../api/api-tokens.api.ts";
import { queryKeys } from "../api/query-keys.ts";
import { ConfirmDialog } from "../components/confirm-dialog.tsx";

interface RevokeTokenDialogProps {
  token: ApiToken | null;
  onClose: () => void;
}

export function RevokeTokenDialog({ token, onClose }: RevokeTokenDialogProps) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: revokeApiToken,
    onSuccess: (_result, tokenId) => {
      queryClient.setQueryData<ApiToken[]>(queryKeys.apiTokens, (tokens) => tokens?.filter((item) => item.id !== tokenId));
      void queryClient.invalidateQueries({ queryKey: queryKeys.apiTokens });
      onClose();
    },
  });
  const close = () => {
    revoke.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={token !== null}
      title="Revoke this token?"
      confirmLabel="Revoke token"
      busy={revoke.isPending}
      error={isApiError(revoke.error) ? revoke.error.message : null}
      onCancel={close}
      onConfirm={() => {
        if (token) {
          revoke.mutate(token.id);
        }
      }}
    >
      <p>
        Anything that uses “{token?.name}” stops working at once. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
