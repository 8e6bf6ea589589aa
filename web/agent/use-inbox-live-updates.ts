import { useQueryClient } from "@tanstack/react-query";
import type { Inbox, InteractionMessage } from "../../common/api/interactions.ts";
import type { CustomStatus } from "../../common/api/presence.ts";
import { inboxQueryKeys } from "../api/inbox.api.ts";
import { presenceQueryKeys } from "../api/presence.api.ts";
import { useCurrentUser } from "../hooks/use-session.ts";
import { useRealtimeEvent } from "../realtime/use-realtime-event.ts";
import { withInteraction, withMessage, withOffer, withOfferedInteraction, withoutOffer } from "./inbox-cache.ts";
import { refreshCounters, updateInbox } from "./inbox-queries.ts";
import { customerLabel, withdrawalText } from "./interaction-labels.ts";

interface LiveUpdateHandlers {
  /** The interaction is being accepted, rejected or closed by this page: its events need no notice. */
  isOwnAction: (interactionId: string) => boolean;
  /** text: why, for an alert the agent could still see; null when there is nothing to say. */
  onOfferWithdrawn: (offerId: string, text: string | null) => void;
  onMessage: (message: InteractionMessage) => void;
  onInteractionEnded: (interactionId: string, text: string | null) => void;
}

/** Keeps the desktop's inbox, messages, presence and counters live from the agent's own room. */
export function useInboxLiveUpdates(handlers: LiveUpdateHandlers): void {
  const queryClient = useQueryClient();
  const user = useCurrentUser();
  const cachedInbox = () => queryClient.getQueryData<Inbox>(inboxQueryKeys.inbox);

  useRealtimeEvent("offer.created", ({ offer }) => updateInbox(queryClient, (inbox) => withOffer(inbox, offer)));
  useRealtimeEvent("offer.withdrawn", ({ interactionId, reason }) => {
    const inbox = cachedInbox();
    // The agent's one alert for this interaction.
    const offer = inbox?.offers.find((candidate) => candidate.interaction.id === interactionId);
    if (!offer) {
      return;
    }
    const owned = inbox?.interactions.some((interaction) => interaction.id === interactionId) ?? false;
    const silent = owned || handlers.isOwnAction(interactionId);
    handlers.onOfferWithdrawn(offer.id, silent ? null : withdrawalText(reason, customerLabel(offer.interaction)));
    updateInbox(queryClient, (current) => withoutOffer(current, offer.id));
  });
  useRealtimeEvent("interaction.assigned", ({ interaction }) => {
    if (interaction.ownerId === user.id) {
      updateInbox(queryClient, (inbox) => withInteraction(inbox, interaction));
      refreshCounters(queryClient);
    }
  });
  useRealtimeEvent("interaction.updated", ({ interaction }) => {
    const mine = interaction.ownerId === user.id;
    updateInbox(queryClient, (inbox) => (mine ? withInteraction(inbox, interaction) : withOfferedInteraction(inbox, interaction)));
  });
  useRealtimeEvent("interaction.closed", ({ interaction }) => {
    const shown = cachedInbox()?.interactions.some((candidate) => candidate.id === interaction.id) ?? false;
    const silent = !shown || handlers.isOwnAction(interaction.id);
    handlers.onInteractionEnded(interaction.id, silent ? null : `The conversation with ${customerLabel(interaction)} ended.`);
    updateInbox(queryClient, (inbox) => withInteraction(inbox, interaction));
    refreshCounters(queryClient);
  });
  useRealtimeEvent("interaction.message_added", ({ message }) => {
    const key = inboxQueryKeys.messages(message.interactionId);
    if (queryClient.getQueryData(key) !== undefined) {
      queryClient.setQueryData<InteractionMessage[]>(key, (messages) => withMessage(messages ?? [], message));
    }
    handlers.onMessage(message);
  });
  useRealtimeEvent("presence.changed", ({ presence }) => {
    if (presence.agentId === user.id) {
      queryClient.setQueryData(presenceQueryKeys.own, presence);
      refreshCounters(queryClient);
    }
  });
  useRealtimeEvent("agent.channels_changed", ({ agentId }) => {
    if (agentId === user.id) {
      refreshCounters(queryClient);
      void queryClient.invalidateQueries({ queryKey: presenceQueryKeys.own });
    }
  });
  useRealtimeEvent("channel_settings.updated", () => refreshCounters(queryClient));
  useRealtimeEvent("custom_statuses.changed", ({ statuses }) => {
    queryClient.setQueryData<CustomStatus[]>(presenceQueryKeys.customStatuses, statuses);
  });
}
