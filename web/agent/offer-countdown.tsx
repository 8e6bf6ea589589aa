import type { Offer } from "../../common/api/interactions.ts";
import { useNow } from "./use-now.ts";

function secondsUntil(instant: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(instant) - now) / 1000));
}

// How long the alert stays, or when it is accepted on its own (auto-answer). The numbers change every second,
// so this is not a live region: a screen reader reads it when the agent reaches the alert.
export function OfferCountdown({ offer }: { offer: Offer }) {
  const deadline = offer.autoAnswerAt ?? offer.expiresAt;
  const now = useNow(1000, deadline !== null);
  if (deadline === null) {
    return null;
  }
  const seconds = secondsUntil(deadline, now);
  const text = offer.autoAnswerAt === null ? `Expires in ${seconds} s` : `Auto-answer in ${seconds} s`;
  return (
    <p className="offer-countdown" aria-live="off">
      <span className="visually-hidden">{offer.autoAnswerAt === null ? "Alert expires at " : "Accepted automatically at "}</span>
      <time dateTime={deadline} aria-hidden="true">
        {text}
      </time>
      <span className="visually-hidden">{new Date(deadline).toLocaleTimeString()}</span>
    </p>
  );
}
