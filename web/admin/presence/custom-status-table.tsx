import type { CustomStatus } from "../../../common/api/presence.ts";

interface CustomStatusTableProps {
  statuses: readonly CustomStatus[];
  /** The switch being saved shows the value asked for, and waits. */
  saving: { id: string; pausesRouting: boolean } | null;
  onTogglePause: (status: CustomStatus, pausesRouting: boolean) => void;
  onEdit: (status: CustomStatus) => void;
  onDelete: (status: CustomStatus) => void;
}

// The statuses in the desktop selector's order, with a switch to change whether each pauses routing.
export function CustomStatusTable({ statuses, saving, onTogglePause, onEdit, onDelete }: CustomStatusTableProps) {
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">Custom statuses</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Pauses routing</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {statuses.map((status) => {
            const busy = saving?.id === status.id;
            const pausesRouting = busy ? saving.pausesRouting : status.pausesRouting;
            return (
              <tr key={status.id}>
                <th scope="row">{status.name}</th>
                <td>
                  <input
                    type="checkbox"
                    role="switch"
                    className="switch-input"
                    aria-label={`${status.name} pauses routing`}
                    checked={pausesRouting}
                    aria-disabled={busy}
                    onChange={(event) => {
                      if (!busy) {
                        onTogglePause(status, event.target.checked);
                      }
                    }}
                  />{" "}
                  <span aria-hidden="true">{pausesRouting ? "Yes" : "No"}</span>
                </td>
                <td className="table-actions">
                  <button type="button" className="button button-small" aria-label={`Edit ${status.name}`} onClick={() => onEdit(status)}>
                    Edit
                  </button>{" "}
                  <button type="button" className="button button-small button-danger" aria-label={`Delete ${status.name}`} onClick={() => onDelete(status)}>
                    Delete
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
