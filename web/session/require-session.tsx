import { Navigate, Outlet, useLocation } from "react-router";
import { FullPageStatus } from "../components/full-page-status.tsx";
import { useSession } from "../hooks/use-session.ts";
import { RealtimeProvider } from "../realtime/realtime-provider.tsx";
import type { SignInRedirectState } from "./home-path.ts";

// Guards every signed-in page: unknown session → wait, no session → sign in (and come back here after).
// The real-time connection lives exactly as long as the session does.
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  // A failed background refresh keeps the page as it is; only a session never known blocks it.
  if (session.data === undefined && !session.isError) {
    return <FullPageStatus message="Loading…" />;
  }
  if (session.data === undefined) {
    return (
      <FullPageStatus
        message="Switchboard could not check your session. Check your connection and try again."
        onRetry={() => {
          void session.refetch();
        }}
      />
    );
  }
  if (session.data === null) {
    const state: SignInRedirectState = { from: `${location.pathname}${location.search}${location.hash}` };
    return <Navigate to="/login" replace state={state} />;
  }
  return (
    <RealtimeProvider>
      <Outlet />
    </RealtimeProvider>
  );
}
