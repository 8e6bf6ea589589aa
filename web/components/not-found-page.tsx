import { Link } from "react-router";
import { useDocumentTitle } from "../hooks/use-document-title.ts";

export function NotFoundPage() {
  useDocumentTitle("Page not found");
  return (
    <main className="full-page-status">
      <h1>Page not found</h1>
      <p>There is no page at this address.</p>
      <Link to="/" className="button">
        Go to your start page
      </Link>
    </main>
  );
}
