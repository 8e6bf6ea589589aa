import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { InteractionMessage } from "../../common/api/interactions.ts";
import { DesktopStateContext, type AlertNotice, type DesktopState } from "./desktop-state.ts";
import { useInboxLiveUpdates } from "./use-inbox-live-updates.ts";

// Long enough to read a short sentence; the notice is also announced by the polite live region it sits in.
const NOTICE_MILLISECONDS = 8000;

function withoutKey<Value>(map: ReadonlyMap<string, Value>, key: string): ReadonlyMap<string, Value> {
  const copy = new Map(map);
  copy.delete(key);
  return copy;
}

function withItem(set: ReadonlySet<string>, item: string): ReadonlySet<string> {
  return set.has(item) ? set : new Set([...set, item]);
}

function withoutItem(set: ReadonlySet<string>, item: string): ReadonlySet<string> {
  if (!set.has(item)) {
    return set;
  }
  const copy = new Set(set);
  copy.delete(item);
  return copy;
}

// Holds the desktop's own state for every desktop page, and keeps the cached inbox live from pushed events.
export function DesktopStateProvider({ children }: { children: ReactNode }) {
  const [hiddenOfferIds, setHiddenOfferIds] = useState<ReadonlySet<string>>(new Set());
  const [unreadInteractionIds, setUnreadInteractionIds] = useState<ReadonlySet<string>>(new Set());
  const [selectedInteractionId, setSelectedInteractionId] = useState<string | null>(null);
  const [viewingConversation, setViewingConversation] = useState(false);
  const [notices, setNotices] = useState<readonly AlertNotice[]>([]);
  const [offerErrors, setOfferErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const nextNoticeId = useRef(1);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  const ownActions = useRef(new Map<string, number>());
  const drafts = useRef(new Map<string, string>());

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending) {
        clearTimeout(timer);
      }
    };
  }, []);

  const state = useMemo<DesktopState>(() => {
    const notify = (text: string): void => {
      const id = nextNoticeId.current++;
      setNotices((current) => [...current, { id, text }]);
      const timer = setTimeout(() => {
        timers.current.delete(timer);
        setNotices((current) => current.filter((notice) => notice.id !== id));
      }, NOTICE_MILLISECONDS);
      timers.current.add(timer);
    };
    return {
      hiddenOfferIds,
      unreadInteractionIds,
      selectedInteractionId,
      notices,
      offerErrors,
      hideOffer: (offerId) => setHiddenOfferIds((current) => withItem(current, offerId)),
      selectInteraction: (interactionId) => {
        setSelectedInteractionId(interactionId);
        if (interactionId !== null) {
          setUnreadInteractionIds((current) => withoutItem(current, interactionId));
        }
      },
      setViewingConversation,
      notify,
      setOfferError: (offerId, message) =>
        setOfferErrors((current) => (message === null ? withoutKey(current, offerId) : new Map([...current, [offerId, message]]))),
      draftOf: (interactionId) => drafts.current.get(interactionId) ?? "",
      saveDraft: (interactionId, text) => {
        if (text === "") {
          drafts.current.delete(interactionId);
        } else {
          drafts.current.set(interactionId, text);
        }
      },
      beginOwnAction: (interactionId) => {
        const actions = ownActions.current;
        actions.set(interactionId, (actions.get(interactionId) ?? 0) + 1);
        return () => {
          const remaining = (actions.get(interactionId) ?? 1) - 1;
          if (remaining > 0) {
            actions.set(interactionId, remaining);
          } else {
            actions.delete(interactionId);
          }
        };
      },
    };
  }, [hiddenOfferIds, unreadInteractionIds, selectedInteractionId, notices, offerErrors]);

  useInboxLiveUpdates({
    isOwnAction: (interactionId) => ownActions.current.has(interactionId),
    onOfferWithdrawn: (offerId, text) => {
      setOfferErrors((current) => withoutKey(current, offerId));
      if (text !== null) {
        state.notify(text);
      }
    },
    onMessage: (message: InteractionMessage) => {
      const read = viewingConversation && message.interactionId === selectedInteractionId;
      if (message.direction === "inbound" && !read) {
        setUnreadInteractionIds((current) => withItem(current, message.interactionId));
      }
    },
    onInteractionEnded: (interactionId, text) => {
      drafts.current.delete(interactionId);
      setUnreadInteractionIds((current) => withoutItem(current, interactionId));
      if (text !== null) {
        state.notify(text);
      }
    },
  });

  return <DesktopStateContext value={state}>{children}</DesktopStateContext>;
}
