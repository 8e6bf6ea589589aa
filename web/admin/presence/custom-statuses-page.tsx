import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { CustomStatus } from "../../../common/api/presence.ts";
import { isApiError } from "../../api/api-error.ts";
import { presenceQueryKeys } from "../../api/presence.api.ts";
import { FormAlert } from "../../components/form-alert.tsx";
import { LoadError } from "../../components/load-error.tsx";
import { useDocumentTitle } from "../../hooks/use-document-title.ts";
import { CustomStatusFormDialog } from "./custom-status-form-dialog.tsx";
import { CustomStatusTable } from "./custom-status-table.tsx";
import { updateCustomStatus } from "./custom-statuses.api.ts";
import { DeleteCustomStatusDialog } from "./delete-custom-status-dialog.tsx";
import { useCustomStatuses } from "./use-custom-statuses.ts";

// product.md, Presence: custom statuses an admin defines (Break, Restroom, Lunch…), each saying whether it
// pauses routing. Agents pick them in the desktop besides Ready.
export function CustomStatusesPage() {
  useDocumentTitle("Statuses");
  const queryClient = useQueryClient();
  const statuses = useCustomStatuses();
  // undefined: no dialog; null: creating; a status: editing it.
  const [editing, setEditing] = useState<CustomStatus | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<CustomStatus | null>(null);
  const [announcement, setAnnouncement] = useState("");
  // The switch shows its new position from the click on (set in the event, so it renders before the browser paints),
  // until the server answers: then the saved status, or the old position with the error.
  const [toggling, setToggling] = useState<{ id: string; pausesRouting: boolean } | null>(null);

  const togglePause = useMutation({
    mutationFn: ({ status, pausesRouting }: { status: CustomStatus; pausesRouting: boolean }) => updateCustomStatus(status.id, { pausesRouting }),
    onSuccess: (saved) => {
      queryClient.setQueryData<CustomStatus[]>(presenceQueryKeys.customStatuses, (current) => current?.map((item) => (item.id === saved.id ? saved : item)));
      setAnnouncement(`“${saved.name}” ${saved.pausesRouting ? "pauses routing" : "no longer pauses routing"}.`);
    },
  });

  return (
    <>
      <div className="page-heading">
        <h1 className="page-title">Statuses</h1>
        <button type="button" className="button button-primary" onClick={() => setEditing(null)}>
          New status
        </button>
      </div>
      <p className="page-intro">
        Besides Ready, agents pick one of these in the desktop. A status that pauses routing stops new work reaching them until they are Ready again.
      </p>
      <div className="feedback">
        <p className="form-status" role="status">
          {announcement}
        </p>
        <FormAlert message={isApiError(togglePause.error) ? togglePause.error.message : null} />
      </div>
      {statuses.isError ? (
        <LoadError message="The statuses could not be loaded." onRetry={() => void statuses.refetch()} />
      ) : statuses.data ? (
        statuses.data.length === 0 ? (
          <div className="empty-state">
            <p>No statuses yet: agents can only be Ready. Add Break or Lunch, say.</p>
          </div>
        ) : (
          <CustomStatusTable
            statuses={statuses.data}
            saving={toggling}
            onTogglePause={(status, pausesRouting) => {
              setToggling({ id: status.id, pausesRouting });
              togglePause.mutate({ status, pausesRouting }, { onSettled: () => setToggling(null) });
            }}
            onEdit={setEditing}
            onDelete={setDeleting}
          />
        )
      ) : (
        <p role="status">Loading…</p>
      )}
      {editing !== undefined ? (
        <CustomStatusFormDialog
          key={editing?.id ?? "new"}
          status={editing}
          onClose={() => setEditing(undefined)}
          onSaved={(saved) => {
            setAnnouncement(editing ? `Saved status “${saved.name}”.` : `Created status “${saved.name}”.`);
            setEditing(undefined);
          }}
        />
      ) : null}
      <DeleteCustomStatusDialog
        status={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(deleted) => {
          setAnnouncement(`Deleted status “${deleted.name}”.`);
          setDeleting(null);
        }}
      />
    </>
  );
}
