import { useDocumentTitle } from "../hooks/use-document-title.ts";
import { useCurrentUser } from "../hooks/use-session.ts";
import { roleLabel } from "../session/role-label.ts";
import { ServerReadiness } from "./server-readiness.tsx";

export function OverviewPage() {
  useDocumentTitle("Console");
  const user = useCurrentUser();
  return (
    <>
      <h1 className="page-title">Console</h1>
      <div className="card-grid">
        <section className="card" aria-labelledby="overview-signed-in">
          <h2 className="card-title" id="overview-signed-in">
            Signed in
          </h2>
          <dl className="details">
            <dt>Name</dt>
            <dd>{user.fullName}</dd>
            <dt>Username</dt>
            <dd>{user.username}</dd>
            <dt>Role</dt>
            <dd>{roleLabel(user.role)}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="overview-server">
          <h2 className="card-title" id="overview-server">
            Server
          </h2>
          <ServerReadiness />
        </section>
        <section className="card" aria-labelledby="overview-api">
          <h2 className="card-title" id="overview-api">
            API
          </h2>
          <p>The HTTP API is described with OpenAPI. Call it from scripts and integrations with an API token.</p>
          <p>
            <a href="/api/docs" target="_blank" rel="noreferrer">
              API documentation<span className="visually-hidden"> (opens in a new tab)</span>
            </a>
          </p>
        </section>
      </div>
    </>
  );
}
