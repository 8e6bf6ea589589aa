import { useDesktopState } from "./desktop-state.ts";
import { useInbox } from "./inbox-queries.ts";
import { OfferCard } from "./offer-card.tsx";
import { ConversationAlertCard, conversationAlertKey, unreadTextConversations } from "./sms/conversation-alert-card.tsx";
import { useToastPosition } from "./use-toast-position.ts";

// Incoming alerts as toasts at the agent's toast position. A polite live region: a new alert is announced
// without taking focus from the reply the agent may be typing. Hidden alerts stay in the alerts list.
export function AlertToasts() {
  const inbox = useInbox();
  const { hiddenOfferIds, notices, unreadInteractionIds } = useDesktopState();
  const position = useToastPosition();
  const offers = (inbox.data?.offers ?? []).filter((offer) => offer.state === "pending" && !hiddenOfferIds.has(offer.id));
  const conversations = unreadTextConversations(inbox.data?.interactions ?? [], unreadInteractionIds).filter((interaction) => !hiddenOfferIds.has(conversationAlertKey(interaction)));
  return (
    <section className={`toast-region toast-region-${position}`} aria-label="Incoming alerts">
      <div className="toast-stack" aria-live="polite" aria-relevant="additions text">
        {notices.map((notice) => (
          <p key={notice.id} className="toast-notice">
            {notice.text}
          </p>
        ))}
        {offers.map((offer) => (
          <OfferCard key={offer.id} offer={offer} hideable />
        ))}
        {conversations.map((interaction) => (
          <ConversationAlertCard key={interaction.id} interaction={interaction} hideable />
        ))}
      </div>
    </section>
  );
}
