import { CONTACT_STATUS_LABELS, type ContactStatus } from "../../common/domain/contacts.ts";

// "Lead" or "Customer" next to a known contact's name; nothing for an unknown number.
export function ContactStatusBadge({ status }: { status: ContactStatus | null }) {
  if (status === null) {
    return null;
  }
  return <span className={`contact-status contact-status-${status}`}>{CONTACT_STATUS_LABELS[status]}</span>;
}
