import { useId } from "react";
import { useNavigate } from "react-router";
import type { Interaction } from "../../../common/api/interactions.ts";
import { ChannelBadge } from "../channel-badge.tsx";
import { ContactStatusBadge } from "../contact-status-badge.tsx";
import { useDesktopState } from "../desktop-state.ts";
import { customerLabel } from "../interaction-labels.ts";

/** Hiding is per message: the next message of the conversation alerts again. */
export function conversationAlertKey(interaction: Interaction): string {
  return `conversation:${interaction.id}@${interaction.lastMessageAt ?? ""}`;
}

/** The agent's own text conversations with messages not read yet: once accepted, they alert only their owner. */
export function unreadTextConversations(interactions: readonly Interaction[], unread: ReadonlySet<string>): Interaction[] {
  return interactions.filter((interaction) => interaction.channel === "sms" && unread.has(interaction.id));
}

// A new message on a conversation the agent owns (seed 003: Accept becomes Reply): Reply opens it; Hide takes the
// alert off the screen, the badge still counting it.
export function ConversationAlertCard({ interaction, hideable }: { interaction: Interaction; hideable: boolean }) {
  const titleId = useId();
  const navigate = useNavigate();
  const desktop = useDesktopState();
  const customer = customerLabel(interaction);
  return (
    <article className="offer-card" aria-labelledby={titleId}>
      <header className="offer-card-header">
        <ChannelBadge channel={interaction.channel} />
        <h3 className="offer-card-title" id={titleId}>
          {customer}
        </h3>
        <ContactStatusBadge status={interaction.contactStatus} />
      </header>
      <p className="offer-card-meta">New message in your conversation</p>
      {interaction.snippet === null ? null : <p className="offer-card-snippet">{interaction.snippet}</p>}
      <div className="offer-card-actions">
        <button
          type="button"
          className="button button-primary button-small"
          aria-label={`Reply to ${customer}`}
          onClick={() => {
            desktop.selectInteraction(interaction.id);
            void navigate("/desktop");
          }}
        >
          Reply
        </button>
        {hideable ? (
          <button type="button" className="button button-small" aria-label={`Hide ${customer}`} onClick={() => desktop.hideOffer(conversationAlertKey(interaction))}>
            Hide
          </button>
        ) : null}
      </div>
    </article>
  );
}
