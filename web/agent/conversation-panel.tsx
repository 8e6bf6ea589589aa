import { useState } from "react";
import type { Interaction } from "../../common/api/interactions.ts";
import { isApiError } from "../api/api-error.ts";
import { ConfirmDialog } from "../components/confirm-dialog.tsx";
import { ChannelBadge } from "./channel-badge.tsx";
import { customerLabel } from "./interaction-labels.ts";
import { MessageList } from "./message-list.tsx";
import { ReplyBox } from "./reply-box.tsx";
import { tabIdOf } from "./interaction-tabs.tsx";
import { SmsConversationPanel } from "./sms/sms-conversation-panel.tsx";
import { useCloseConversation } from "./use-close-conversation.ts";

interface ConversationPanelProps {
  interaction: Interaction;
  panelId: string;
}

// The selected conversation: who and where from, its messages, the reply box, and Close (after a confirmation).
export function ConversationPanel({ interaction, panelId }: ConversationPanelProps) {
  if (interaction.channel === "sms") {
    return <SmsConversationPanel interaction={interaction} panelId={panelId} />;
  }
  return <GenericConversationPanel interaction={interaction} panelId={panelId} />;
}

function GenericConversationPanel({ interaction, panelId }: ConversationPanelProps) {
  const [confirming, setConfirming] = useState(false);
  const customer = customerLabel(interaction);

  const close = useCloseConversation(interaction, () => setConfirming(false));

  return (
    <section className="conversation" id={panelId} role="tabpanel" aria-labelledby={tabIdOf(interaction.id)}>
      <header className="conversation-header">
        <div>
          <h2 className="conversation-title">{customer}</h2>
          <p className="conversation-meta">
            <ChannelBadge channel={interaction.channel} />
            <span>{interaction.customerAddress}</span>
            {interaction.queueName === null ? null : <span>{interaction.queueName}</span>}
          </p>
        </div>
        <button type="button" className="button" onClick={() => setConfirming(true)}>
          Close conversation
        </button>
      </header>
      {interaction.channel === "voice" ? (
        // The media stays in the phone system (issue 4, Voice): the desktop shows the call, which ends there.
        <p className="conversation-call">
          On a call with {interaction.customerAddress}
          {interaction.acceptedAt === null ? null : (
            <>
              {" "}
              since <time dateTime={interaction.acceptedAt}>{new Date(interaction.acceptedAt).toLocaleTimeString()}</time>
            </>
          )}
          .
        </p>
      ) : (
        <>
          <MessageList interaction={interaction} />
          <ReplyBox key={interaction.id} interaction={interaction} />
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title="Close this conversation?"
        confirmLabel="Close conversation"
        busy={close.isPending}
        error={close.isError ? (isApiError(close.error) ? close.error.message : "The conversation was not closed. Try again.") : null}
        onConfirm={() => close.mutate()}
        onCancel={() => {
          setConfirming(false);
          close.reset();
        }}
      >
        <p>The conversation with {customer} leaves your tabs and frees its slot.</p>
      </ConfirmDialog>
    </section>
  );
}
