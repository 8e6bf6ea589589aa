import { createContext, use } from "react";

/** A short message in the alerts region: why an alert went away, or why an accept did not go through. */
export interface AlertNotice {
  id: number;
  text: string;
}

/**
 * What the desktop remembers beside the server's data: alerts the agent hid, conversations with unread
 * messages, the selected tab and the short notices of the alerts region.
 */
export interface DesktopState {
  hiddenOfferIds: ReadonlySet<string>;
  unreadInteractionIds: ReadonlySet<string>;
  selectedInteractionId: string | null;
  notices: readonly AlertNotice[];
  /** Per offer: why its accept failed while it is still offered (at capacity, say). */
  offerErrors: ReadonlyMap<string, string>;
  hideOffer: (offerId: string) => void;
  selectInteraction: (interactionId: string | null) => void;
  /** While the inbox page shows the selected conversation, its new messages are read at once. */
  setViewingConversation: (viewing: boolean) => void;
  notify: (text: string) => void;
  setOfferError: (offerId: string, message: string | null) => void;
  /**
   * Marks an accept, reject or close this page is sending, so the events it causes are not announced as news
   * ("taken by another agent"). Call the returned function once the request settles.
   */
  beginOwnAction: (interactionId: string) => () => void;
  /** The unsent reply of each conversation, kept while the agent switches tabs or pages. */
  draftOf: (interactionId: string) => string;
  saveDraft: (interactionId: string, text: string) => void;
}

export const DesktopStateContext = createContext<DesktopState | null>(null);

export function useDesktopState(): DesktopState {
  const state = use(DesktopStateContext);
  if (!state) {
    throw new Error("useDesktopState is only available inside DesktopStateProvider");
  }
  return state;
}
