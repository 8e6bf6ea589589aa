import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { CoachingCopy, CoachingInbox } from "../../../common/api/coaching.ts";
import { coachingQueryKeys, fetchCoachingInbox, markCoachingRead } from "../../api/coaching.api.ts";
import { useRealtimeEvent } from "../../realtime/use-realtime-event.ts";
import { unreadIds, withMessages, withoutBefore, withRead } from "./coaching-cache.ts";
import { CoachingContext, type CoachingState, type CoachingToast } from "./coaching-state.ts";

// Long enough to read a few lines; the bell stays until the messages are read.
const TOAST_MILLISECONDS = 20_000;

function toastFor(messages: readonly CoachingCopy[], id: number): CoachingToast {
  const last = messages.at(-1);
  if (messages.length === 1 && last) {
    return { id, title: `Coaching message from ${last.senderName}`, body: last.body };
  }
  return { id, title: `${messages.length} new coaching messages`, body: last ? `Latest from ${last.senderName}: ${last.body}` : "" };
}

/**
 * The agent's coaching messages of the day, kept live: delivered messages join the day and show a toast (unless
 * the dialog is open, where they are read at once), reads from any tab and the overnight clear-down follow. When
 * the desktop opens with unread messages (missed while offline), one toast says so.
 */
export function CoachingProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const queryClient = useQueryClient();
  const inbox = useQuery({ queryKey: coachingQueryKeys.inbox, queryFn: fetchCoachingInbox, enabled });
  const [dialogOpen, setDialogOpen] = useState(false);
  const [toasts, setToasts] = useState<readonly CoachingToast[]>([]);
  const toasted = useRef(new Set<string>());
  const nextToastId = useRef(1);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  const markRead = useMutation({
    mutationFn: markCoachingRead,
    onSuccess: (read) => updateInbox((current) => withRead(current, read.messageIds, read.readAt)),
  });

  function updateInbox(update: (inbox: CoachingInbox) => CoachingInbox): void {
    queryClient.setQueryData<CoachingInbox>(coachingQueryKeys.inbox, (current) => (current ? update(current) : current));
  }

  function showToast(messages: readonly CoachingCopy[]): void {
    const fresh = messages.filter((message) => !toasted.current.has(message.id));
    if (fresh.length === 0) {
      return;
    }
    for (const message of fresh) {
      toasted.current.add(message.id);
    }
    const toast = toastFor(fresh, nextToastId.current++);
    setToasts((current) => [...current, toast]);
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setToasts((current) => current.filter((candidate) => candidate.id !== toast.id));
    }, TOAST_MILLISECONDS);
    timers.current.add(timer);
  }

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending) {
        clearTimeout(timer);
      }
    };
  }, []);

  // Missed while away: the first load's unread messages get one toast.
  const firstLoad = useRef(true);
  useEffect(() => {
    if (!inbox.data || !firstLoad.current) {
      return;
    }
    firstLoad.current = false;
    const unread = inbox.data.items.filter((item) => item.readAt === null);
    if (unread.length > 0 && !dialogOpen) {
      showToast(unread);
    }
  });

  // While the dialog is open, what it shows is read: each new set of unread messages is sent once.
  const waitingKey = dialogOpen ? unreadIds(inbox.data).join(",") : "";
  const attempted = useRef("");
  useEffect(() => {
    if (waitingKey !== "" && waitingKey !== attempted.current) {
      attempted.current = waitingKey;
      markRead.mutate(waitingKey.split(","));
    }
  }, [waitingKey, markRead]);

  useRealtimeEvent("coaching_message.delivered", ({ messages }) => {
    if (!enabled) {
      return;
    }
    updateInbox((current) => withMessages(current, messages));
    if (!dialogOpen) {
      showToast(messages);
    }
  });
  useRealtimeEvent("coaching_message.read", ({ messageIds, readAt }) => updateInbox((current) => withRead(current, messageIds, readAt)));
  useRealtimeEvent("coaching_messages.cleared", ({ before }) => updateInbox((current) => withoutBefore(current, before)));

  const state = useMemo<CoachingState>(
    () => ({
      messages: inbox.data?.items ?? [],
      unread: inbox.data?.unread ?? 0,
      loaded: inbox.data !== undefined,
      toasts,
      dialogOpen,
      openDialog: () => {
        setDialogOpen(true);
        setToasts([]);
      },
      closeDialog: () => {
        attempted.current = "";
        setDialogOpen(false);
      },
      dismissToast: (toastId) => setToasts((current) => current.filter((toast) => toast.id !== toastId)),
    }),
    [inbox.data, toasts, dialogOpen],
  );

  return <CoachingContext value={enabled ? state : null}>{children}</CoachingContext>;
}
