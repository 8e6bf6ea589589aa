import { useDocumentTitle } from "../hooks/use-document-title.ts";
import { LoadError } from "../components/load-error.tsx";
import { useInbox } from "./inbox-queries.ts";
import { useDesktopState } from "./desktop-state.ts";
import { OfferCard } from "./offer-card.tsx";
import { ConversationAlertCard, unreadTextConversations } from "./sms/conversation-alert-card.tsx";

// Every alert waiting for the agent, the hidden ones too, oldest first: new messages in their own text
// conversations (Reply), then new conversations (Accept).
export function AlertsPage() {
  useDocumentTitle("Alerts");
  const inbox = useInbox();
  const { unreadInteractionIds } = useDesktopState();
  const offers = (inbox.data?.offers ?? []).filter((offer) => offer.state === "pending");
  const conversations = unreadTextConversations(inbox.data?.interactions ?? [], unreadInteractionIds);
  return (
    <>
      <h1 className="page-title">Alerts</h1>
      {inbox.isError ? <LoadError message="The alerts could not be loaded." onRetry={() => void inbox.refetch()} /> : null}
      {inbox.isPending ? <p role="status">Loading…</p> : null}
      {inbox.isSuccess && offers.length === 0 && conversations.length === 0 ? (
        <div className="empty-state">
          <p>No alerts waiting.</p>
        </div>
      ) : null}
      {conversations.length > 0 ? (
        <ul className="alert-list" aria-label="New messages in your conversations">
          {conversations.map((interaction) => (
            <li key={interaction.id}>
              <ConversationAlertCard interaction={interaction} hideable={false} />
            </li>
          ))}
        </ul>
      ) : null}
      {offers.length > 0 ? (
        <ul className="alert-list" aria-label="Waiting alerts">
          {offers.map((offer) => (
            <li key={offer.id}>
              <OfferCard offer={offer} hideable={false} />
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
