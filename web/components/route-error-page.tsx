import { useDocumentTitle } from "../hooks/use-document-title.ts";

// Shown instead of a blank page when a page fails to render; reloading starts from a clean state.
export function RouteErrorPage() {
  useDocumentTitle("Something went wrong");
  return (
    <main className="full-page-status">
      <h1>Something went wrong</h1>
      <p role="alert">This page could not be shown. Reload to try again.</p>
      <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
        Reload
      </button>
    </main>
  );
}
