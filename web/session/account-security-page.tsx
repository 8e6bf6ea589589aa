import { useDocumentTitle } from "../hooks/use-document-title.ts";
import { useCurrentUser } from "../hooks/use-session.ts";
import { AvatarEditor } from "../admin/security-suite/avatar-editor.tsx";
import { MfaSettings } from "./mfa-settings.tsx";

// The signed-in person's own sign-in security and picture; the same page in the console and the desktop.
export function AccountSecurityPage() {
  useDocumentTitle("Sign-in security");
  const user = useCurrentUser();
  return (
    <>
      <h1 className="page-title">Sign-in security</h1>
      <section className="card card-narrow" aria-labelledby="own-mfa-title">
        <h2 className="card-title" id="own-mfa-title">
          Two-step sign-in
        </h2>
        <MfaSettings />
      </section>
      <section className="card card-narrow" aria-labelledby="own-avatar-title">
        <h2 className="card-title" id="own-avatar-title">
          Your picture
        </h2>
        <AvatarEditor userId={user.id} owner="your" version={undefined} onChanged={() => undefined} />
      </section>
    </>
  );
}
