import { z } from "zod";

// product.md, Two-way texting: a known number is a `lead` or a `customer`; the greeting step has no "other".
export const CONTACT_STATUSES = ["lead", "customer"] as const;
export const contactStatusSchema = z.enum(CONTACT_STATUSES, `status: one of ${CONTACT_STATUSES.join(", ")}`);
export type ContactStatus = z.infer<typeof contactStatusSchema>;

export const CONTACT_STATUS_LABELS: Readonly<Record<ContactStatus, string>> = { lead: "Lead", customer: "Customer" };
