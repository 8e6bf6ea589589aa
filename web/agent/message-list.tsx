import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useLayoutEffect, useRef } from "react";
import type { Interaction, InteractionMessage } from "../../common/api/interactions.ts";
import { fetchMessagesPage, inboxQueryKeys } from "../api/inbox.api.ts";
import { LoadError } from "../components/load-error.tsx";
import { withMessage } from "./inbox-cache.ts";
import { customerLabel } from "./interaction-labels.ts";

const timeFormatter = new Intl.DateTimeFormat(undefined, { dateStyle: "short", timeStyle: "short" });
/** Messages per page: the newest page first, older pages as the agent scrolls back. */
const PAGE_SIZE = 30;

const DELIVERY_LABELS: Readonly<Record<InteractionMessage["delivery"], string>> = {
  none: "",
  pending: "Sending…",
  queued: "Queued",
  sent: "Sent",
  delivered: "Delivered",
  undelivered: "Not delivered",
  failed: "Not delivered",
};

function deliveryText(message: InteractionMessage): string {
  const label = DELIVERY_LABELS[message.delivery];
  const error = message.deliveryError;
  if (!error) {
    return label;
  }
  // A retry is coming while still "Sending…": say why it waits; a final failure says why it failed.
  const code = error.code === null ? "" : ` (error ${error.code})`;
  return `${label}: ${error.message}${code}`;
}

function MessageItem({ message, customer }: { message: InteractionMessage; customer: string }) {
  const outbound = message.direction === "outbound";
  return (
    <li className={outbound ? "message message-outbound" : "message message-inbound"}>
      <p className="message-author">{outbound ? "You" : customer}</p>
      {message.body === "" ? null : <p className="message-body">{message.body}</p>}
      {message.media.length === 0 ? null : (
        <ul className="message-media">
          {message.media.map((media, index) => (
            <li key={media.url}>
              <a href={media.url} target="_blank" rel="noreferrer noopener">
                {media.contentType?.startsWith("image/") ? `Picture ${index + 1}` : `Attachment ${index + 1}`}
              </a>
            </li>
          ))}
        </ul>
      )}
      <p className="message-meta">
        {/* product.md, Two-way texting: the time the message was received, not when it was viewed. */}
        <time dateTime={message.createdAt}>{timeFormatter.format(new Date(message.createdAt))}</time>
        {outbound ? <span className={`message-delivery message-delivery-${message.delivery}`}>{deliveryText(message)}</span> : null}
      </p>
    </li>
  );
}

// The conversation, oldest first: the customer's messages on the left in grey, the agent's on the right with their
// delivery state. A log region: new messages are announced politely. It scrolls inside itself to the newest; the
// older pages load when the agent scrolls to the top (or presses "Show older messages").
export function MessageList({ interaction }: { interaction: Interaction }) {
  const queryClient = useQueryClient();
  const olderKey = inboxQueryKeys.olderMessages(interaction.id);
  const messages = useQuery({
    queryKey: inboxQueryKeys.messages(interaction.id),
    queryFn: async () => {
      const page = await fetchMessagesPage(interaction.id, PAGE_SIZE);
      queryClient.setQueryData(olderKey, page.hasMore);
      return page.items;
    },
    staleTime: Infinity,
  });
  const hasOlder = useQuery({ queryKey: olderKey, queryFn: () => Promise.resolve(false), enabled: false, staleTime: Infinity }).data === true;
  const scrollRef = useRef<HTMLDivElement>(null);
  const keptFromBottom = useRef<number | null>(null);

  const older = useMutation({
    mutationFn: (before: string) => fetchMessagesPage(interaction.id, PAGE_SIZE, before),
    onMutate: () => {
      const scroller = scrollRef.current;
      keptFromBottom.current = scroller ? scroller.scrollHeight - scroller.scrollTop : null;
    },
    onSuccess: (page) => {
      queryClient.setQueryData<InteractionMessage[]>(inboxQueryKeys.messages(interaction.id), (current) => page.items.reduce((all, message) => withMessage(all, message), current ?? []));
      queryClient.setQueryData(olderKey, page.hasMore);
    },
  });
  const list = messages.data ?? [];
  const oldestId = list[0]?.id;
  const newestId = list.at(-1)?.id;

  // Older messages came in above: the agent keeps their place. A new message below: show it.
  useLayoutEffect(() => {
    const scroller = scrollRef.current;
    if (scroller && keptFromBottom.current !== null) {
      scroller.scrollTop = scroller.scrollHeight - keptFromBottom.current;
      keptFromBottom.current = null;
    }
  }, [oldestId]);
  useEffect(() => {
    const scroller = scrollRef.current;
    if (scroller) {
      scroller.scrollTop = scroller.scrollHeight;
    }
  }, [newestId, interaction.id]);

  const loadOlder = (): void => {
    if (hasOlder && oldestId && !older.isPending) {
      older.mutate(oldestId);
    }
  };

  const customer = customerLabel(interaction);
  return (
    <div
      ref={scrollRef}
      className="message-scroll"
      tabIndex={0}
      aria-label={`Conversation with ${customer}`}
      onScroll={(event) => {
        if (event.currentTarget.scrollTop === 0) {
          loadOlder();
        }
      }}
    >
      {messages.isError ? <LoadError message="The messages could not be loaded." onRetry={() => void messages.refetch()} /> : null}
      {messages.isPending ? <p role="status">Loading messages…</p> : null}
      {hasOlder ? (
        <p className="message-older">
          <button type="button" className="button button-small" aria-disabled={older.isPending} onClick={loadOlder}>
            {older.isPending ? "Loading older messages…" : "Show older messages"}
          </button>
        </p>
      ) : null}
      {older.isError ? <LoadError message="The older messages could not be loaded." onRetry={loadOlder} /> : null}
      <ol className="message-list" role="log" aria-label={`Messages with ${customer}`}>
        {list.map((message) => (
          <MessageItem key={message.id} message={message} customer={customer} />
        ))}
      </ol>
    </div>
  );
}
