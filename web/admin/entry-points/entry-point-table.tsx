import type { EntryPoint } from "../../../common/api/entry-points.ts";
import { channelLabel } from "../groups/group-kinds.ts";

interface EntryPointTableProps {
  entryPoints: readonly EntryPoint[];
  canEdit: boolean;
  onEdit: (entryPoint: EntryPoint) => void;
  onDelete: (entryPoint: EntryPoint) => void;
  onNewKey: (entryPoint: EntryPoint) => void;
}

export function EntryPointTable({ entryPoints, canEdit, onEdit, onDelete, onNewKey }: EntryPointTableProps) {
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">Entry points</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Channel</th>
            <th scope="col">Address</th>
            <th scope="col">Queue chain</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entryPoints.map((entryPoint) => (
            <tr key={entryPoint.id}>
              <th scope="row">{entryPoint.name}</th>
              <td>{channelLabel(entryPoint.channel)}</td>
              <td>
                <code>{entryPoint.address}</code>
              </td>
              <td>
                {entryPoint.queues.length === 0 ? (
                  <span className="chain-empty">No queue: messages are refused</span>
                ) : (
                  <ol className="chain-summary" aria-label={`Queue chain of ${entryPoint.name}`}>
                    {entryPoint.queues.map((queue) => (
                      <li key={queue.id}>{queue.name}</li>
                    ))}
                  </ol>
                )}
              </td>
              <td className="table-actions">
                {canEdit ? (
                  <>
                    <button type="button" className="button button-small" aria-label={`Edit ${entryPoint.name}`} onClick={() => onEdit(entryPoint)}>
                      Edit
                    </button>{" "}
                    {entryPoint.channel === "openchannel" ? (
                      <>
                        <button type="button" className="button button-small" aria-label={`New inbound key for ${entryPoint.name}`} onClick={() => onNewKey(entryPoint)}>
                          New key
                        </button>{" "}
                      </>
                    ) : null}
                    <button type="button" className="button button-small button-danger" aria-label={`Delete ${entryPoint.name}`} onClick={() => onDelete(entryPoint)}>
                      Delete
                    </button>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
