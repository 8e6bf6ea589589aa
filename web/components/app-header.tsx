import type { ReactNode } from "react";
import { useCurrentUser } from "../hooks/use-session.ts";
import { useSignOut } from "../hooks/use-sign-out.ts";
import { roleLabel } from "../session/role-label.ts";

/** A page's own Sign out (the desktop asks about open conversations first). */
export interface SignOutAction {
  run: () => void;
  pending: boolean;
}

// Product name, who is signed in, an optional status slot (the desktop's connection), and Sign out.
export function AppHeader({ status, signOutAction }: { status?: ReactNode; signOutAction?: SignOutAction | undefined }) {
  const user = useCurrentUser();
  const defaultSignOut = useSignOut();
  const signOut = signOutAction ?? { run: () => defaultSignOut.mutate(), pending: defaultSignOut.isPending };
  return (
    <header className="app-header">
      <p className="brand">Switchboard</p>
      <div className="app-header-end">
        {status}
        <p className="signed-in-user">
          <span className="signed-in-name">{user.fullName}</span>
          <span className="signed-in-role">{roleLabel(user.role)}</span>
        </p>
        <button
          type="button"
          className="button"
          aria-disabled={signOut.pending}
          onClick={() => {
            if (!signOut.pending) {
              signOut.run();
            }
          }}
        >
          Sign out
        </button>
      </div>
    </header>
  );
}
