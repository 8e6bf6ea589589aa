import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { groupQueryKeys, listGroups, type AnyGroup } from "../../api/groups.api.ts";
import { LoadError } from "../../components/load-error.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useCurrentUser } from "../../hooks/use-session.ts";
import { useDocumentTitle } from "../../hooks/use-document-title.ts";
import { DeleteGroupDialog } from "./delete-group-dialog.tsx";
import { GroupFormDialog } from "./group-form-dialog.tsx";
import type { GroupKindInfo } from "./group-kinds.ts";
import { GroupTable } from "./group-table.tsx";
import { PaginationControls } from "./pagination-controls.tsx";
import { useDebouncedValue } from "./use-debounced-value.ts";
import { useGroupsLive } from "./use-groups-live.ts";

const PAGE_SIZE = 25;

// One kind's list: server-paginated with search, "New …" and edit in a modal, delete after confirmation.
export function GroupListPage({ info }: { info: GroupKindInfo }) {
  useDocumentTitle(info.plural);
  useGroupsLive();
  const user = useCurrentUser();
  const canEdit = info.editors.includes(user.role);
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const debouncedSearch = useDebouncedValue(search.trim());
  const params = { page, pageSize: PAGE_SIZE, search: debouncedSearch || undefined };
  const groups = useQuery({ queryKey: groupQueryKeys.list(info.kind, params), queryFn: () => listGroups(info.kind, params), placeholderData: keepPreviousData });
  // undefined: no dialog; null: creating; a group: editing it.
  const [editing, setEditing] = useState<AnyGroup | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<AnyGroup | null>(null);
  const [announcement, setAnnouncement] = useState("");

  return (
    <>
      <div className="page-heading">
        <h1 className="page-title">{info.plural}</h1>
        {canEdit ? (
          <button type="button" className="button button-primary" onClick={() => setEditing(null)}>
            New {info.singular}
          </button>
        ) : null}
      </div>
      <p className="page-intro">
        {info.intro}
        {info.kind === "queue" && user.role === "supervisor" ? " You see the queues you are enabled on." : ""}
      </p>
      <div className="toolbar">
        <TextField
          label={`Search ${info.plural.toLowerCase()}`}
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
      {groups.isError ? (
        <LoadError message={`The ${info.plural.toLowerCase()} could not be loaded.`} onRetry={() => void groups.refetch()} />
      ) : groups.data ? (
        groups.data.items.length === 0 ? (
          <div className="empty-state">
            <p>{debouncedSearch ? `No ${info.singular} matches “${debouncedSearch}”.` : `No ${info.plural.toLowerCase()} yet.`}</p>
          </div>
        ) : (
          <>
            <GroupTable info={info} groups={groups.data.items} canEdit={canEdit} onEdit={setEditing} onDelete={setDeleting} />
            <PaginationControls label={`${info.plural} pages`} page={page} pageSize={PAGE_SIZE} total={groups.data.total} onPageChange={setPage} />
          </>
        )
      ) : (
        <p role="status">Loading…</p>
      )}
      {editing !== undefined ? (
        <GroupFormDialog
          key={editing?.id ?? "new"}
          info={info}
          group={editing}
          open
          onClose={() => setEditing(undefined)}
          onSaved={(saved) => {
            setAnnouncement(editing ? `Saved ${info.singular} “${saved.name}”.` : `Created ${info.singular} “${saved.name}”.`);
            setEditing(undefined);
          }}
        />
      ) : null}
      <DeleteGroupDialog
        info={info}
        group={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(deleted) => {
          setAnnouncement(`Deleted ${info.singular} “${deleted.name}”.`);
          setDeleting(null);
        }}
      />
    </>
  );
}
