import { Navigate, useLocation } from "react-router";
import { useDocumentTitle } from "../hooks/use-document-title.ts";
import { useSession } from "../hooks/use-session.ts";
import { homePathFor, returnPathFrom } from "./home-path.ts";
import { SessionCard } from "./session-card.tsx";
import { SignInForm } from "./sign-in-form.tsx";

export function SignInPage() {
  useDocumentTitle("Sign in");
  const session = useSession();
  const location = useLocation();
  if (session.data) {
    return <Navigate to={returnPathFrom(location.state) ?? homePathFor(session.data.user.role)} replace />;
  }
  return (
    <SessionCard title="Sign in">
      <SignInForm />
    </SessionCard>
  );
}
