import { Fragment, useState } from "react";
import type { AuditEntry } from "../../../common/api/audit.ts";
import { DateTime } from "../../components/date-time.tsx";
import { AuditChange } from "./audit-change.tsx";

interface AuditTableProps {
  entries: readonly AuditEntry[];
  onFilterActor: (actorId: string, username: string) => void;
}

export function AuditTable({ entries, onFilterActor }: AuditTableProps) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  if (entries.length === 0) {
    return (
      <div className="empty-state">
        <p>No changes match these filters.</p>
      </div>
    );
  }
  const toggle = (id: string) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(id)) {
        next.add(id);
      }
      return next;
    });
  };
  return (
    <div className="table-scroll">
      <table className="table audit-table">
        <caption className="visually-hidden">Audit log, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Action</th>
            <th scope="col">
              <span className="visually-hidden">Details</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const open = expanded.has(entry.id);
            const detailsId = `audit-details-${entry.id}`;
            return (
              <Fragment key={entry.id}>
                <tr>
                  <td>
                    <DateTime value={entry.occurredAt} />
                  </td>
                  <td>
                    {entry.actorId && entry.actorUsername ? (
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Show only changes by ${entry.actorUsername}`}
                        onClick={() => onFilterActor(entry.actorId ?? "", entry.actorUsername ?? "")}
                      >
                        {entry.actorUsername}
                      </button>
                    ) : (
                      <span className="muted">{entry.actorUsername ?? "System"}</span>
                    )}
                  </td>
                  <th scope="row">{entry.summary}</th>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td className="table-actions">
                    <button
                      type="button"
                      className="button button-small"
                      aria-expanded={open}
                      aria-controls={detailsId}
                      onClick={() => toggle(entry.id)}
                    >
                      {open ? "Hide changes" : "Show changes"}
                      <span className="visually-hidden">: {entry.summary}</span>
                    </button>
                  </td>
                </tr>
                <tr id={detailsId} hidden={!open} className="audit-details-row">
                  <td colSpan={5}>{open ? <AuditChange entry={entry} /> : null}</td>
                </tr>
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
