import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { Interaction, InteractionMessage } from "../../common/api/interactions.ts";
import { fetchMessages, inboxQueryKeys } from "../api/inbox.api.ts";
import { LoadError } from "../components/load-error.tsx";
import { customerLabel } from "./interaction-labels.ts";

const timeFormatter = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });

const DELIVERY_LABELS: Readonly<Record<InteractionMessage["delivery"], string>> = {
  none: "",
  pending: "Sending…",
  queued: "Queued",
  sent: "Sent",
  delivered: "Delivered",
  undelivered: "Not delivered",
  failed: "Not delivered",
};

function MessageItem({ message, customer }: { message: InteractionMessage; customer: string }) {
  const outbound = message.direction === "outbound";
  return (
    <li className={outbound ? "message message-outbound" : "message message-inbound"}>
      <p className="message-author">{outbound ? "You" : customer}</p>
      <p className="message-body">{message.body}</p>
      <p className="message-meta">
        <time dateTime={message.createdAt}>{timeFormatter.format(new Date(message.createdAt))}</time>
        {outbound ? <span className={`message-delivery message-delivery-${message.delivery}`}>{DELIVERY_LABELS[message.delivery]}</span> : null}
      </p>
    </li>
  );
}

// The conversation, oldest first: the customer's messages on the left, the agent's on the right with their
// delivery state. A log region: new messages are announced politely. It scrolls inside itself to the newest.
export function MessageList({ interaction }: { interaction: Interaction }) {
  const messages = useQuery({
    queryKey: inboxQueryKeys.messages(interaction.id),
    queryFn: () => fetchMessages(interaction.id),
    staleTime: Infinity,
  });
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = messages.data?.length ?? 0;
  useEffect(() => {
    const scroller = scrollRef.current;
    if (scroller) {
      scroller.scrollTop = scroller.scrollHeight;
    }
  }, [count, interaction.id]);

  const customer = customerLabel(interaction);
  return (
    <div ref={scrollRef} className="message-scroll">
      {messages.isError ? <LoadError message="The messages could not be loaded." onRetry={() => void messages.refetch()} /> : null}
      {messages.isPending ? <p role="status">Loading messages…</p> : null}
      <ol className="message-list" role="log" aria-label={`Messages with ${customer}`}>
        {(messages.data ?? []).map((message) => (
          <MessageItem key={message.id} message={message} customer={customer} />
        ))}
      </ol>
    </div>
  );
}
