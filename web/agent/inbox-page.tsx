import { useDocumentTitle } from "../hooks/use-document-title.ts";

export function InboxPage() {
  useDocumentTitle("Inbox");
  return (
    <>
      <h1 className="page-title">Inbox</h1>
      <div className="empty-state">
        <p>No conversations yet. New interactions appear here as they arrive.</p>
      </div>
    </>
  );
}
