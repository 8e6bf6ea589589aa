import { Fragment, useState } from "react";
import type { CoachingLogEntry } from "../../../common/api/coaching.ts";
import { DateTime } from "../../components/date-time.tsx";
import { CoachingLogRecipients } from "./coaching-log-recipients.tsx";
import { GROUP_KIND_LABELS } from "./compose-selection.ts";

function sentTo(entry: CoachingLogEntry): string {
  const filters = Object.values(entry.filters).filter(Boolean);
  const narrowed = filters.length > 0 ? ` (filtered: ${filters.join(", ")})` : "";
  return entry.target.kind === "agent" ? entry.target.name : `${GROUP_KIND_LABELS[entry.target.kind]} ${entry.target.name}${narrowed}`;
}

// The permanent log, newest first: each message with its sender, where it went, and how many copies were
// delivered and read; a row opens its recipients.
export function CoachingLogTable({ entries }: { entries: readonly CoachingLogEntry[] }) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  if (entries.length === 0) {
    return (
      <div className="empty-state">
        <p>No coaching message matches this search.</p>
      </div>
    );
  }
  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(id)) {
        next.add(id);
      }
      return next;
    });
  return (
    <div className="table-scroll">
      <table className="table coaching-log-table">
        <caption className="visually-hidden">Coaching messages, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Sent</th>
            <th scope="col">Sender</th>
            <th scope="col">To</th>
            <th scope="col">Message</th>
            <th scope="col">Delivered</th>
            <th scope="col">Read</th>
            <th scope="col">
              <span className="visually-hidden">Recipients</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const open = expanded.has(entry.id);
            const detailsId = `coaching-recipients-${entry.id}`;
            return (
              <Fragment key={entry.id}>
                <tr>
                  <td>
                    <DateTime value={entry.sentAt} />
                  </td>
                  <td>{entry.sender.name}</td>
                  <td>{sentTo(entry)}</td>
                  <th scope="row" className="coaching-log-body">
                    {entry.body}
                  </th>
                  <td>
                    {entry.deliveredCount} of {entry.recipientCount}
                  </td>
                  <td>
                    {entry.readCount} of {entry.recipientCount}
                  </td>
                  <td className="table-actions">
                    <button type="button" className="button button-small" aria-expanded={open} aria-controls={detailsId} onClick={() => toggle(entry.id)}>
                      {open ? "Hide recipients" : "Show recipients"}
                    </button>
                  </td>
                </tr>
                <tr id={detailsId} hidden={!open}>
                  <td colSpan={7}>{open ? <CoachingLogRecipients messageId={entry.id} /> : null}</td>
                </tr>
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
