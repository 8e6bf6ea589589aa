import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { UserSecurity } from "../../../common/api/user-security.ts";
import { isApiError } from "../../api/api-error.ts";
import { fetchUserSecurity, resetUserMfa, securityQueryKeys, updateUserSecurity } from "../../api/security.api.ts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { DateTime } from "../../components/date-time.tsx";
import { LoadError } from "../../components/load-error.tsx";
import { useRealtimeEvent } from "../../realtime/use-realtime-event.ts";
import { AvatarEditor } from "./avatar-editor.tsx";
import { SecurityFlagsForm } from "./security-flags-form.tsx";

// The agent page's Security tab: account flags (toggle + Save), lock, last password reset, MFA, picture.
export function AgentSecurityTab({ agentId }: { agentId: string }) {
  const queryClient = useQueryClient();
  const queryKey = securityQueryKeys.user(agentId);
  const security = useQuery({ queryKey, queryFn: () => fetchUserSecurity(agentId) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey });
  const forThisUser = (userId: string) => {
    if (userId === agentId) {
      refresh();
    }
  };
  useRealtimeEvent("user.security_changed", ({ userId }) => forThisUser(userId));
  useRealtimeEvent("user.avatar_changed", ({ userId }) => forThisUser(userId));
  useRealtimeEvent("user.updated", ({ user }) => forThisUser(user.id));
  useRealtimeEvent("settings.updated", refresh);

  if (security.isError) {
    return <LoadError message="This agent’s security could not be loaded." onRetry={() => void security.refetch()} />;
  }
  if (!security.data) {
    return <p role="status">Loading…</p>;
  }
  const data = security.data;
  const store = (updated: UserSecurity) => queryClient.setQueryData(queryKey, updated);
  return (
    <div className="card-grid security-tab">
      <section className="card" aria-labelledby="agent-security-account">
        <h2 className="card-title" id="agent-security-account">
          Account
        </h2>
        <dl className="details">
          <dt>Lock</dt>
          <dd>
            <LockStatus security={data} onChanged={store} />
          </dd>
          {data.suiteEnabled ? (
            <>
              <dt>Last password reset</dt>
              <dd>
                <DateTime value={data.passwordChangedAt} fallback="Never" />
              </dd>
            </>
          ) : null}
        </dl>
        <SecurityFlagsForm security={data} onSaved={store} />
      </section>
      <section className="card" aria-labelledby="agent-security-mfa">
        <h2 className="card-title" id="agent-security-mfa">
          Two-step sign-in
        </h2>
        <MfaStatus security={data} onChanged={store} />
      </section>
      <section className="card" aria-labelledby="agent-security-avatar">
        <h2 className="card-title" id="agent-security-avatar">
          Picture
        </h2>
        <AvatarEditor userId={agentId} owner={`${data.fullName}’s`} version={data.avatarUpdatedAt} onChanged={refresh} />
      </section>
    </div>
  );
}

function LockStatus({ security, onChanged }: { security: UserSecurity; onChanged: (updated: UserSecurity) => void }) {
  const unlock = useMutation({ mutationFn: () => updateUserSecurity(security.userId, { locked: false }), onSuccess: onChanged });
  if (!security.locked) {
    return <>Not locked.</>;
  }
  return (
    <div className="lock-status">
      <p>
        <strong>Locked</strong> after too many failed sign-ins, since <DateTime value={security.lockedAt} />.
      </p>
      <button type="button" className="button" aria-disabled={unlock.isPending} onClick={() => !unlock.isPending && unlock.mutate()}>
        Unlock
      </button>
      <p className="field-error" role="alert">
        {isApiError(unlock.error) ? unlock.error.message : null}
      </p>
    </div>
  );
}

function MfaStatus({ security, onChanged }: { security: UserSecurity; onChanged: (updated: UserSecurity) => void }) {
  const [confirming, setConfirming] = useState(false);
  const reset = useMutation({
    mutationFn: () => resetUserMfa(security.userId),
    onSuccess: (updated) => {
      setConfirming(false);
      onChanged(updated);
    },
  });
  if (!security.mfaEnabled) {
    return <p>Off. {security.fullName} can turn it on from their Sign-in security page.</p>;
  }
  return (
    <>
      <p>
        On since <DateTime value={security.mfaEnabledAt} />.
      </p>
      <button type="button" className="button" onClick={() => setConfirming(true)}>
        Reset two-step sign-in
      </button>
      <ConfirmDialog
        open={confirming}
        title="Reset two-step sign-in?"
        confirmLabel="Reset"
        busy={reset.isPending}
        error={isApiError(reset.error) ? reset.error.message : null}
        onCancel={() => {
          reset.reset();
          setConfirming(false);
        }}
        onConfirm={() => reset.mutate()}
      >
        <p>{security.fullName} will sign in with their password alone until they turn two-step sign-in on again, for example on a new phone.</p>
      </ConfirmDialog>
    </>
  );
}
