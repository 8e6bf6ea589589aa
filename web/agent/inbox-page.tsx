import { useEffect, useId } from "react";
import { LoadError } from "../components/load-error.tsx";
import { useDocumentTitle } from "../hooks/use-document-title.ts";
import { ChannelCounters } from "./channel-counters.tsx";
import { ConversationPanel } from "./conversation-panel.tsx";
import { useDesktopState } from "./desktop-state.ts";
import { useInbox } from "./inbox-queries.ts";
import { InteractionTabs } from "./interaction-tabs.tsx";
import { ConversationMoments } from "./moments/conversation-moments.tsx";

// The agent's open conversations as tabs with the selected one below, and their counters on top.
export function InboxPage() {
  useDocumentTitle("Inbox");
  const inbox = useInbox();
  const desktop = useDesktopState();
  const panelId = useId();
  const interactions = inbox.data?.interactions ?? [];
  // The chosen tab, or the first once it has closed.
  const selected = interactions.find((interaction) => interaction.id === desktop.selectedInteractionId) ?? interactions[0] ?? null;
  const { selectInteraction, setViewingConversation, selectedInteractionId, unreadInteractionIds } = desktop;

  useEffect(() => {
    setViewingConversation(true);
    return () => setViewingConversation(false);
  }, [setViewingConversation]);
  // Showing a conversation reads it: the one shown by default once the chosen tab closed, or the chosen one
  // when the agent comes back from another page.
  useEffect(() => {
    if (selected !== null && (selected.id !== selectedInteractionId || unreadInteractionIds.has(selected.id))) {
      selectInteraction(selected.id);
    }
  }, [selected, selectedInteractionId, unreadInteractionIds, selectInteraction]);

  return (
    <>
      <h1 className="page-title">Inbox</h1>
      <ChannelCounters />
      {inbox.isError ? <LoadError message="The inbox could not be loaded." onRetry={() => void inbox.refetch()} /> : null}
      {inbox.isPending && !inbox.isError ? <p role="status">Loading…</p> : null}
      {inbox.isSuccess && selected === null ? (
        <div className="empty-state">
          <p>No conversations yet. New interactions appear here as they arrive.</p>
        </div>
      ) : null}
      {selected === null ? null : (
        <div className="workspace">
          <InteractionTabs
            interactions={interactions}
            selectedId={selected.id}
            unreadIds={desktop.unreadInteractionIds}
            panelId={panelId}
            onSelect={selectInteraction}
          />
          <ConversationPanel key={selected.id} interaction={selected} panelId={panelId} />
          <ConversationMoments interactionId={selected.id} />
        </div>
      )}
    </>
  );
}
