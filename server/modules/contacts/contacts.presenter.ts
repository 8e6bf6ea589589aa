import type { Contact } from "../../../common/api/contacts.ts";
import type { ContactMasker } from "../masking/contact-masking.service.ts";
import type { ContactRow } from "./contacts.repository.ts";

const iso = (value: Date | string): string => new Date(value).toISOString();

/** Every read of a contact for a person goes through their masker (product.md, mask sensitive data). */
export function presentContact(row: ContactRow, masker: ContactMasker): Contact {
  const contact = masker.contact({ name: row.name, phone: row.phone, email: row.email });
  return {
    id: row.id as Contact["id"],
    name: contact.name,
    phone: contact.phone,
    email: contact.email,
    status: row.status,
    notes: row.notes,
    optOut: row.optedOut === null || row.optOutKeyword === null || row.optOutChangedAt === null ? null : { optedOut: row.optedOut, keyword: row.optOutKeyword, changedAt: iso(row.optOutChangedAt) },
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
