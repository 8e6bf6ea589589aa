import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { Moment } from "../../../common/api/moments.ts";
import { useRealtimeEvent } from "../../realtime/use-realtime-event.ts";
import { MomentCard } from "../../moments/moment-card.tsx";
import { useInbox } from "../inbox-queries.ts";
import { customerLabel } from "../interaction-labels.ts";
import { rememberMoment } from "./moments-cache.ts";
import { useMarkMoment } from "./use-mark-moment.ts";
import "./moments.css";

// Long enough to read the guidance mid-conversation; the moment stays in the conversation's list afterwards.
const TOAST_MILLISECONDS = 45_000;

/**
 * issue 7, item 4: a moment appears at once as a toast naming the conversation it fired on, in a polite live
 * region (screen readers announce it without taking focus from the reply box), and joins that conversation's list.
 */
export function MomentsToasts() {
  const queryClient = useQueryClient();
  const inbox = useInbox();
  const [toasts, setToasts] = useState<readonly Moment[]>([]);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  const mark = useMarkMoment();

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending) {
        clearTimeout(timer);
      }
    };
  }, []);

  useRealtimeEvent("moment.fired", ({ moment }) => {
    rememberMoment(queryClient, moment);
    setToasts((current) => [...current.filter((toast) => toast.id !== moment.id), moment]);
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setToasts((current) => current.filter((toast) => toast.id !== moment.id));
    }, TOAST_MILLISECONDS);
    timers.current.add(timer);
  });
  useRealtimeEvent("moment.updated", ({ moment }) => {
    rememberMoment(queryClient, moment);
    setToasts((current) => (moment.dismissedAt === null ? current.map((toast) => (toast.id === moment.id ? moment : toast)) : current.filter((toast) => toast.id !== moment.id)));
  });

  const labelOf = (moment: Moment) => {
    const interaction = inbox.data?.interactions.find((candidate) => candidate.id === moment.interactionId);
    return interaction ? customerLabel(interaction) : undefined;
  };

  return (
    <section className="moments-toast-region" aria-label="Moments">
      <div className="moments-toast-stack" aria-live="polite" aria-relevant="additions text">
        {toasts.map((moment) => (
          <MomentCard
            key={moment.id}
            moment={moment}
            conversationLabel={labelOf(moment)}
            busy={mark.isPending}
            onHelpful={(helpful) => mark.mutate({ momentId: moment.id, marks: { helpful } }, { onSuccess: (updated) => setToasts((current) => current.map((toast) => (toast.id === updated.id ? updated : toast))) })}
            onDismiss={() => {
              setToasts((current) => current.filter((toast) => toast.id !== moment.id));
              mark.mutate({ momentId: moment.id, marks: { dismissed: true } });
            }}
          />
        ))}
      </div>
    </section>
  );
}
