import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { ContactConversation } from "../../common/api/contacts.ts";
import { contactQueryKeys, fetchContactConversations, fetchContactTranscript } from "../api/contacts.api.ts";
import { LoadError } from "../components/load-error.tsx";
import { PaginationControls } from "../admin/groups/pagination-controls.tsx";
import { CHANNEL_LABELS } from "../admin/channels/channel-labels.ts";

const HISTORY_PAGE_SIZE = 10;
const STATE_LABELS: Readonly<Record<string, string>> = {
  queued: "Waiting",
  offered: "Waiting",
  active: "Open",
  closed: "Archived",
  abandoned: "Abandoned",
  timed_out: "Timed out",
};
const formatter = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

// The contact's history (seed 003: a closed text conversation is archived in the lead's or customer's history):
// every conversation, newest first, each one's messages a click away.
export function ContactHistory({ contactId }: { contactId: string }) {
  const titleId = useId();
  const [page, setPage] = useState(1);
  const history = useQuery({ queryKey: contactQueryKeys.conversations(contactId, page), queryFn: () => fetchContactConversations(contactId, page) });
  return (
    <section className="contact-history" aria-labelledby={titleId}>
      <h2 className="section-title" id={titleId}>
        History
      </h2>
      {history.isError ? <LoadError message="The history could not be loaded." onRetry={() => void history.refetch()} /> : null}
      {history.data && history.data.items.length === 0 ? <p>No conversations yet.</p> : null}
      <ol className="contact-history-list">
        {(history.data?.items ?? []).map((item) => (
          <HistoryItem key={item.interaction.id} contactId={contactId} item={item} />
        ))}
      </ol>
      {history.data ? <PaginationControls label="History pages" page={page} pageSize={HISTORY_PAGE_SIZE} total={history.data.total} onPageChange={setPage} /> : null}
    </section>
  );
}

function HistoryItem({ contactId, item }: { contactId: string; item: ContactConversation }) {
  const [open, setOpen] = useState(false);
  const regionId = useId();
  const { interaction } = item;
  const transcript = useQuery({ queryKey: contactQueryKeys.transcript(contactId, interaction.id), queryFn: () => fetchContactTranscript(contactId, interaction.id), enabled: open });
  const when = formatter.format(new Date(interaction.openedAt));
  return (
    <li className="contact-history-item">
      <p className="contact-history-summary">
        <strong>{when}</strong> · {CHANNEL_LABELS[interaction.channel]} · {STATE_LABELS[interaction.state] ?? interaction.state}
        {item.agentName ? ` · ${item.agentName}` : ""}
        {interaction.snippet ? <span className="contact-history-snippet"> · {interaction.snippet}</span> : null}
      </p>
      <button type="button" className="button button-small" aria-expanded={open} aria-controls={regionId} onClick={() => setOpen((value) => !value)}>
        {open ? "Hide messages" : "Show messages"}
        <span className="visually-hidden"> of {when}</span>
      </button>
      <div id={regionId} hidden={!open}>
        {transcript.isError ? <LoadError message="The messages could not be loaded." onRetry={() => void transcript.refetch()} /> : null}
        {open && transcript.data ? (
          <ol className="message-list contact-transcript" aria-label={`Messages of ${when}`}>
            {transcript.data.map((message) => (
              <li key={message.id} className={message.direction === "outbound" ? "message message-outbound" : "message message-inbound"}>
                <p className="message-body">{message.body}</p>
                <p className="message-meta">
                  <time dateTime={message.createdAt}>{formatter.format(new Date(message.createdAt))}</time>
                </p>
              </li>
            ))}
          </ol>
        ) : null}
      </div>
    </li>
  );
}
