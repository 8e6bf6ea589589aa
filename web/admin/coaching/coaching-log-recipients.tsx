import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { coachingQueryKeys, fetchCoachingLogRecipients } from "../../api/coaching.api.ts";
import { DateTime } from "../../components/date-time.tsx";
import { LoadError } from "../../components/load-error.tsx";
import { PaginationControls } from "../groups/pagination-controls.tsx";

const PAGE_SIZE = 50;

// A logged message's recipients: when each copy reached the desktop, was read, and left the agent's view.
export function CoachingLogRecipients({ messageId }: { messageId: string }) {
  const [page, setPage] = useState(1);
  const recipients = useQuery({
    queryKey: coachingQueryKeys.logRecipients(messageId, page),
    queryFn: () => fetchCoachingLogRecipients(messageId, page, PAGE_SIZE),
    placeholderData: keepPreviousData,
  });
  if (recipients.isError) {
    return <LoadError message="The recipients could not be loaded." onRetry={() => void recipients.refetch()} />;
  }
  if (!recipients.data) {
    return <p role="status">Loading…</p>;
  }
  return (
    <>
      <table className="table coaching-log-recipients">
        <caption className="visually-hidden">Recipients</caption>
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col">Delivered</th>
            <th scope="col">Read</th>
            <th scope="col">Cleared from view</th>
          </tr>
        </thead>
        <tbody>
          {recipients.data.items.map((recipient, index) => (
            <tr key={recipient.agentId ?? `deleted-${index}`}>
              <th scope="row">
                {recipient.fullName} <span className="muted">({recipient.username})</span>
              </th>
              <td>
                <DateTime value={recipient.deliveredAt} fallback="Waiting" />
              </td>
              <td>
                <DateTime value={recipient.readAt} fallback="Unread" />
              </td>
              <td>
                <DateTime value={recipient.clearedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <PaginationControls label="Recipient pages" page={page} pageSize={PAGE_SIZE} total={recipients.data.total} onPageChange={setPage} />
    </>
  );
}
