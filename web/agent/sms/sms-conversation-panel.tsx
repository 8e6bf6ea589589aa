import { useId, useState } from "react";
import { Link } from "react-router";
import type { Interaction } from "../../../common/api/interactions.ts";
import { isApiError } from "../../api/api-error.ts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { ChannelBadge } from "../channel-badge.tsx";
import { ContactStatusBadge } from "../contact-status-badge.tsx";
import { tabIdOf } from "../interaction-tabs.tsx";
import { customerLabel } from "../interaction-labels.ts";
import { MessageList } from "../message-list.tsx";
import { ReplyBox } from "../reply-box.tsx";
import { useCloseConversation } from "../use-close-conversation.ts";
import { useOwnModules } from "../use-own-modules.ts";
import { GreetingCard } from "./greeting-card.tsx";

const OPTED_OUT = "This customer opted out of texts (they replied STOP): nothing can be sent until they text START.";
const HEIGHTS = ["14rem", "22rem", "34rem", "48rem"] as const;

// A text conversation (seed 003): the interaction card (who, lead or customer, the opt-out), the greeting step for
// an unknown number, and the text window with its bubbles, which the agent minimises or resizes (drag its bottom
// edge, or the Taller and Shorter buttons). Closing asks "Leave & Close" or "Stay & Keep Open": leaving ends the
// agent's ownership and archives the conversation in the contact's history.
export function SmsConversationPanel({ interaction, panelId }: { interaction: Interaction; panelId: string }) {
  const modules = useOwnModules();
  const windowTitleId = useId();
  const [confirming, setConfirming] = useState(false);
  const [minimised, setMinimised] = useState(false);
  const [height, setHeight] = useState(1);
  const customer = customerLabel(interaction);

  const close = useCloseConversation(interaction, () => setConfirming(false));

  return (
    <section className="conversation" id={panelId} role="tabpanel" aria-labelledby={tabIdOf(interaction.id)}>
      <header className="conversation-header">
        <div>
          <h2 className="conversation-title">
            {customer} <ContactStatusBadge status={interaction.contactStatus} />
          </h2>
          <p className="conversation-meta">
            <ChannelBadge channel={interaction.channel} />
            <span>{interaction.customerAddress}</span>
            {interaction.queueName === null ? null : <span>{interaction.queueName}</span>}
            {interaction.contactId !== null && modules?.contacts === true ? <Link to={`/desktop/contacts/${interaction.contactId}`}>Contact and history</Link> : null}
          </p>
        </div>
        <button type="button" className="button" onClick={() => setConfirming(true)}>
          Close conversation
        </button>
      </header>
      {interaction.customerOptedOut ? (
        <p className="conversation-notice" role="status">
          {OPTED_OUT}
        </p>
      ) : null}
      {interaction.contactId === null ? <GreetingCard interaction={interaction} /> : null}
      <section className={minimised ? "text-window text-window-minimised" : "text-window"} aria-labelledby={windowTitleId} style={{ ["--text-window-height" as string]: HEIGHTS[height] }}>
        <div className="text-window-bar">
          <h3 className="text-window-title" id={windowTitleId}>
            Text messages
          </h3>
          {minimised ? null : (
            <>
              <button type="button" className="button button-small" aria-label="Make the text window shorter" aria-disabled={height === 0} onClick={() => setHeight((value) => Math.max(0, value - 1))}>
                Shorter
              </button>
              <button type="button" className="button button-small" aria-label="Make the text window taller" aria-disabled={height === HEIGHTS.length - 1} onClick={() => setHeight((value) => Math.min(HEIGHTS.length - 1, value + 1))}>
                Taller
              </button>
            </>
          )}
          <button type="button" className="button button-small" aria-expanded={!minimised} onClick={() => setMinimised((value) => !value)}>
            {minimised ? "Restore" : "Minimise"}
          </button>
        </div>
        {minimised ? null : (
          <>
            <MessageList interaction={interaction} />
            <ReplyBox key={interaction.id} interaction={interaction} refusal={interaction.customerOptedOut ? OPTED_OUT : null} />
          </>
        )}
      </section>
      <ConfirmDialog
        open={confirming}
        title={`Leave the conversation with ${customer}?`}
        confirmLabel="Leave & Close"
        cancelLabel="Stay & Keep Open"
        busy={close.isPending}
        error={close.isError ? (isApiError(close.error) ? close.error.message : "The conversation was not closed. Try again.") : null}
        onConfirm={() => close.mutate()}
        onCancel={() => {
          setConfirming(false);
          close.reset();
        }}
      >
        <p>You give up ownership of this conversation, and it is archived in the contact&apos;s history. A new text from this number alerts the queue again.</p>
      </ConfirmDialog>
    </section>
  );
}
