import { useDocumentTitle } from "../hooks/use-document-title.ts";
import { LoadError } from "../components/load-error.tsx";
import { useInbox } from "./inbox-queries.ts";
import { OfferCard } from "./offer-card.tsx";

// Every alert waiting for the agent, the hidden ones too, oldest first.
export function AlertsPage() {
  useDocumentTitle("Alerts");
  const inbox = useInbox();
  const offers = (inbox.data?.offers ?? []).filter((offer) => offer.state === "pending");
  return (
    <>
      <h1 className="page-title">Alerts</h1>
      {inbox.isError ? <LoadError message="The alerts could not be loaded." onRetry={() => void inbox.refetch()} /> : null}
      {inbox.isPending ? <p role="status">Loading…</p> : null}
      {inbox.isSuccess && offers.length === 0 ? (
        <div className="empty-state">
          <p>No alerts waiting.</p>
        </div>
      ) : null}
      {offers.length > 0 ? (
        <ul className="alert-list" aria-label="Waiting alerts">
          {offers.map((offer) => (
            <li key={offer.id}>
              <OfferCard offer={offer} hideable={false} />
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
