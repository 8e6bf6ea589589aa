import type { ReactNode } from "react";
import { useCurrentUser } from "../hooks/use-session.ts";
import { useSignOut } from "../hooks/use-sign-out.ts";
import { roleLabel } from "../session/role-label.ts";

// Product name, who is signed in, an optional status slot (the desktop's connection), and Sign out.
export function AppHeader({ status }: { status?: ReactNode }) {
  const user = useCurrentUser();
  const signOut = useSignOut();
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
          aria-disabled={signOut.isPending}
          onClick={() => {
            if (!signOut.isPending) {
              signOut.mutate();
            }
          }}
        >
          Sign out
        </button>
      </div>
    </header>
  );
}
