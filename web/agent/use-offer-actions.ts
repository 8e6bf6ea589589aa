import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import type { Offer } from "../../common/api/interactions.ts";
import { isApiError } from "../api/api-error.ts";
import { acceptInteraction, rejectInteraction } from "../api/inbox.api.ts";
import { useDesktopState } from "./desktop-state.ts";
import { withInteraction, withoutOffer } from "./inbox-cache.ts";
import { refreshCounters, updateInbox } from "./inbox-queries.ts";
import { customerLabel } from "./interaction-labels.ts";

// An accept can lose a race or meet a limit (product.md, Channels and capacity): the agent reads why, politely.
const ACCEPT_ERRORS: Readonly<Record<string, string>> = {
  interaction_taken: "Taken by another agent",
  offer_not_found: "This alert is no longer available",
  agent_over_capacity: "You are at your capacity on this channel. Close a conversation first",
  agent_over_tab_limit: "You have as many open tabs as allowed. Close one first",
  on_call: "You are on a call: new conversations can wait until it ends",
};

// These mean the alert is gone for good; the others leave it offered, to accept once a slot frees.
const GONE_CODES: ReadonlySet<string> = new Set(["interaction_taken", "offer_not_found"]);

function acceptErrorText(error: unknown): string {
  if (isApiError(error)) {
    return ACCEPT_ERRORS[error.code] ?? error.message;
  }
  return "The accept did not go through. Try again.";
}

/** Accept and reject for one alert; an accepted conversation opens as the selected tab of the inbox. */
export function useOfferActions(offer: Offer) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const desktop = useDesktopState();
  const interactionId = offer.interaction.id;

  const accept = useMutation({
    mutationFn: () => acceptInteraction(interactionId),
    onMutate: () => ({ end: desktop.beginOwnAction(interactionId) }),
    onSuccess: (interaction) => {
      desktop.setOfferError(offer.id, null);
      updateInbox(queryClient, (inbox) => withInteraction(inbox, interaction));
      refreshCounters(queryClient);
      desktop.selectInteraction(interaction.id);
      void navigate("/desktop");
    },
    onError: (error) => {
      const text = acceptErrorText(error);
      if (isApiError(error) && GONE_CODES.has(error.code)) {
        desktop.setOfferError(offer.id, null);
        desktop.notify(`${text}: the conversation with ${customerLabel(offer.interaction)}.`);
        updateInbox(queryClient, (inbox) => withoutOffer(inbox, offer.id));
        return;
      }
      desktop.setOfferError(offer.id, `${text}.`);
    },
    onSettled: (_data, _error, _variables, context) => context?.end(),
  });

  const reject = useMutation({
    mutationFn: () => rejectInteraction(interactionId),
    onMutate: () => ({ end: desktop.beginOwnAction(interactionId) }),
    onSuccess: () => {
      desktop.setOfferError(offer.id, null);
      updateInbox(queryClient, (inbox) => withoutOffer(inbox, offer.id));
    },
    onError: (error) => {
      // Already gone (taken or withdrawn meanwhile): rejecting it is moot.
      if (isApiError(error) && GONE_CODES.has(error.code)) {
        updateInbox(queryClient, (inbox) => withoutOffer(inbox, offer.id));
        return;
      }
      desktop.setOfferError(offer.id, isApiError(error) ? error.message : "The reject did not go through. Try again.");
    },
    onSettled: (_data, _error, _variables, context) => context?.end(),
  });

  const busy = accept.isPending || reject.isPending;
  return {
    busy,
    accept: () => {
      if (!busy) {
        accept.mutate();
      }
    },
    reject: () => {
      if (!busy) {
        reject.mutate();
      }
    },
    hide: () => desktop.hideOffer(offer.id),
  };
}
