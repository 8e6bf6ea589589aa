import { useId } from "react";
import type { Offer } from "../../common/api/interactions.ts";
import { ChannelBadge } from "./channel-badge.tsx";
import { ContactStatusBadge } from "./contact-status-badge.tsx";
import { useDesktopState } from "./desktop-state.ts";
import { customerLabel } from "./interaction-labels.ts";
import { OfferCountdown } from "./offer-countdown.tsx";
import { useOfferActions } from "./use-offer-actions.ts";

interface OfferCardProps {
  offer: Offer;
  // In a toast the agent may hide the alert (it stays in the alerts list); in the list it can't be hidden.
  hideable: boolean;
}

// One incoming alert: channel, customer, queue and first words, with Accept, Reject and (in a toast) Hide.
export function OfferCard({ offer, hideable }: OfferCardProps) {
  const titleId = useId();
  const { offerErrors } = useDesktopState();
  const actions = useOfferActions(offer);
  const { interaction } = offer;
  const customer = customerLabel(interaction);
  const error = offerErrors.get(offer.id) ?? null;
  return (
    <article className="offer-card" aria-labelledby={titleId} aria-busy={actions.busy}>
      <header className="offer-card-header">
        <ChannelBadge channel={interaction.channel} />
        <h3 className="offer-card-title" id={titleId}>
          {customer}
        </h3>
        {/* product.md, Two-way texting: a known number shows its status; an unknown one the number alone. */}
        <ContactStatusBadge status={interaction.contactStatus} />
      </header>
      <p className="offer-card-meta">{interaction.queueName ?? interaction.entryPointName ?? "No queue"}</p>
      {interaction.snippet === null ? null : <p className="offer-card-snippet">{interaction.snippet}</p>}
      <OfferCountdown offer={offer} />
      <p className="offer-card-error" role="status">
        {error}
      </p>
      <div className="offer-card-actions">
        <button type="button" className="button button-primary button-small" aria-disabled={actions.busy} aria-label={`Accept ${customer}`} onClick={actions.accept}>
          Accept
        </button>
        {/* A text alert stays with the whole queue until someone accepts it (seed 003): Accept or Hide. */}
        {interaction.channel === "sms" ? null : (
          <button type="button" className="button button-small" aria-disabled={actions.busy} aria-label={`Reject ${customer}`} onClick={actions.reject}>
            Reject
          </button>
        )}
        {hideable ? (
          <button type="button" className="button button-small" aria-label={`Hide ${customer}`} onClick={actions.hide}>
            Hide
          </button>
        ) : null}
      </div>
    </article>
  );
}
