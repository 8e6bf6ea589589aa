import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { EntryPoint } from "../../../common/api/entry-points.ts";
import { LoadError } from "../../components/load-error.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useDocumentTitle } from "../../hooks/use-document-title.ts";
import { useCurrentUser } from "../../hooks/use-session.ts";
import { PaginationControls } from "../groups/pagination-controls.tsx";
import { useDebouncedValue } from "../groups/use-debounced-value.ts";
import { DeleteEntryPointDialog } from "./delete-entry-point-dialog.tsx";
import { EntryPointFormDialog } from "./entry-point-form-dialog.tsx";
import { EntryPointTable } from "./entry-point-table.tsx";
import { entryPointQueryKeys, listEntryPoints } from "./entry-points.api.ts";
import { InboundKeyNotice } from "./inbound-key-notice.tsx";
import { NewInboundKeyDialog } from "./new-inbound-key-dialog.tsx";
import { useEntryPointsLive } from "./use-entry-points-live.ts";

const PAGE_SIZE = 25;

interface ShownKey {
  entryPoint: EntryPoint;
  inboundKey: string;
}

// product.md, Routing: each entry point (an SMS number, a chat widget, an e-mail address, an open-channel
// endpoint) routes to an ordered chain of queues. Server-paginated with search; admins create, edit and delete.
export function EntryPointsPage() {
  useDocumentTitle("Entry points");
  useEntryPointsLive();
  const user = useCurrentUser();
  const canEdit = user.role === "admin";
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const debouncedSearch = useDebouncedValue(search.trim());
  const params = { page, pageSize: PAGE_SIZE, search: debouncedSearch || undefined };
  const entryPoints = useQuery({ queryKey: entryPointQueryKeys.list(params), queryFn: () => listEntryPoints(params), placeholderData: keepPreviousData });
  // undefined: no dialog; null: creating; an entry point: editing it.
  const [editing, setEditing] = useState<EntryPoint | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<EntryPoint | null>(null);
  const [replacingKey, setReplacingKey] = useState<EntryPoint | null>(null);
  const [shownKey, setShownKey] = useState<ShownKey | null>(null);
  const [announcement, setAnnouncement] = useState("");

  return (
    <>
      <div className="page-heading">
        <h1 className="page-title">Entry points</h1>
        {canEdit ? (
          <button type="button" className="button button-primary" onClick={() => setEditing(null)}>
            New entry point
          </button>
        ) : null}
      </div>
      <p className="page-intro">
        Where customers reach you: a phone number, an e-mail address, a chat widget or an open-channel integration. Each routes to a chain of queues of
        its channel, tried in order.
      </p>
      {shownKey ? (
        <InboundKeyNotice entryPointName={shownKey.entryPoint.name} entryPointId={shownKey.entryPoint.id} inboundKey={shownKey.inboundKey} onDismiss={() => setShownKey(null)} />
      ) : null}
      <div className="toolbar">
        <TextField
          label="Search entry points"
          type="search"
          value={search}
          onChange={(value) => {
            setSearch(value);
            setPage(1);
          }}
        />
      </div>
      <div className="feedback">
        <p className="form-status" role="status">
          {announcement}
        </p>
      </div>
      {entryPoints.isError ? (
        <LoadError message="The entry points could not be loaded." onRetry={() => void entryPoints.refetch()} />
      ) : entryPoints.data ? (
        entryPoints.data.items.length === 0 ? (
          <div className="empty-state">
            <p>{debouncedSearch ? `No entry point matches “${debouncedSearch}”.` : "No entry points yet."}</p>
          </div>
        ) : (
          <>
            <EntryPointTable entryPoints={entryPoints.data.items} canEdit={canEdit} onEdit={setEditing} onDelete={setDeleting} onNewKey={setReplacingKey} />
            <PaginationControls label="Entry point pages" page={page} pageSize={PAGE_SIZE} total={entryPoints.data.total} onPageChange={setPage} />
          </>
        )
      ) : (
        <p role="status">Loading…</p>
      )}
      {editing !== undefined ? (
        <EntryPointFormDialog
          key={editing?.id ?? "new"}
          entryPoint={editing}
          onClose={() => setEditing(undefined)}
          onCreated={(created) => {
            setAnnouncement(`Created entry point “${created.entryPoint.name}”.`);
            setShownKey(created.inboundKey ? { entryPoint: created.entryPoint, inboundKey: created.inboundKey } : null);
            setEditing(undefined);
          }}
          onSaved={(saved) => {
            setAnnouncement(`Saved entry point “${saved.name}”.`);
            setEditing(undefined);
          }}
        />
      ) : null}
      <DeleteEntryPointDialog
        entryPoint={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(deleted) => {
          setAnnouncement(`Deleted entry point “${deleted.name}”.`);
          setShownKey((shown) => (shown?.entryPoint.id === deleted.id ? null : shown));
          setDeleting(null);
        }}
      />
      <NewInboundKeyDialog
        entryPoint={replacingKey}
        onClose={() => setReplacingKey(null)}
        onReplaced={(entryPoint, inboundKey) => {
          setShownKey({ entryPoint, inboundKey });
          setAnnouncement(`Replaced the inbound key of “${entryPoint.name}”.`);
          setReplacingKey(null);
        }}
      />
    </>
  );
}
