import { z } from "zod";
import { contactStatusSchema } from "../domain/contacts.ts";
import { toE164 } from "../domain/phone.ts";
import { interactionIdSchema, interactionSchema } from "./interactions.ts";
import { pageSchema, paginationQuerySchema } from "./pagination.ts";

// Contacts (issue 5, item 4): the account's leads and customers. A number texting in is recognised by the
// contact's phone (E.164, one contact per number); the greeting step classifies an unknown one.

export const contactIdSchema = z.uuid("contactId: a contact id").brand<"ContactId">();
export type ContactId = z.infer<typeof contactIdSchema>;

export const CONTACT_NAME_MAX = 200;
export const CONTACT_NOTES_MAX = 4000;

const timestamp = z.iso.datetime({ offset: true });

/** The number's opt-out of texts (STOP), across all of our numbers; null when it never sent a keyword. */
export const optOutSchema = z.object({ optedOut: z.boolean(), keyword: z.string(), changedAt: timestamp }).meta({ id: "OptOut" });
export type OptOut = z.infer<typeof optOutSchema>;

/** A contact as its reader may see it: name, phone and e-mail go through the reader's masking. */
export const contactSchema = z
  .object({
    id: contactIdSchema,
    name: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    status: contactStatusSchema,
    notes: z.string().nullable(),
    optOut: optOutSchema.nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "Contact" });
export type Contact = z.infer<typeof contactSchema>;

export const contactNameSchema = z.string("name: required").trim().min(1, "name: required").max(CONTACT_NAME_MAX, `name: at most ${CONTACT_NAME_MAX} characters`);

/** Any way of writing an international number; stored in E.164 (+14155550123). Empty: no phone. */
export const contactPhoneSchema = z
  .string("phone: a phone number")
  .trim()
  .max(40, "phone: at most 40 characters")
  .transform((value, context) => {
    if (value === "") {
      return null;
    }
    const e164 = toE164(value);
    if (!e164) {
      context.addIssue({ code: "custom", message: "phone: a valid phone number with its country code (+1 415 555 0123)" });
      return z.NEVER;
    }
    return e164;
  });

export const contactEmailSchema = z
  .string("email: an e-mail address")
  .trim()
  .max(254, "email: at most 254 characters")
  .refine((value) => value === "" || z.email().safeParse(value).success, "email: an e-mail address (ada@example.com)")
  .transform((value) => (value === "" ? null : value));

export const contactNotesSchema = z
  .string("notes: text")
  .trim()
  .max(CONTACT_NOTES_MAX, `notes: at most ${CONTACT_NOTES_MAX} characters`)
  .transform((value) => (value === "" ? null : value));

export const createContactRequestSchema = z.object({
  name: contactNameSchema,
  status: contactStatusSchema,
  phone: contactPhoneSchema.optional(),
  email: contactEmailSchema.optional(),
  notes: contactNotesSchema.optional(),
});
export type CreateContactRequest = z.input<typeof createContactRequestSchema>;
export type CreateContactFields = z.output<typeof createContactRequestSchema>;

export const updateContactRequestSchema = createContactRequestSchema.partial();
export type UpdateContactRequest = z.input<typeof updateContactRequestSchema>;
export type UpdateContactFields = z.output<typeof updateContactRequestSchema>;

export const contactListQuerySchema = paginationQuerySchema.extend({
  search: z.string().trim().max(200, "search: at most 200 characters").optional(),
  status: contactStatusSchema.optional(),
});
export type ContactListQuery = z.infer<typeof contactListQuerySchema>;

export const contactPageSchema = pageSchema(contactSchema).meta({ id: "ContactPage" });

/** Merge the contact of the path into this one: it keeps its fields, fills its blanks, takes the history. */
export const mergeContactRequestSchema = z.object({ intoContactId: contactIdSchema });

export const contactParamsSchema = z.object({ contactId: contactIdSchema });
export const contactConversationParamsSchema = contactParamsSchema.extend({ interactionId: interactionIdSchema });

/** One conversation of the contact's history: the interaction (as its reader sees it) and who worked it. */
export const contactConversationSchema = z
  .object({ interaction: interactionSchema, agentName: z.string().nullable() })
  .meta({ id: "ContactConversation" });
export type ContactConversation = z.infer<typeof contactConversationSchema>;
export const contactConversationPageSchema = pageSchema(contactConversationSchema).meta({ id: "ContactConversationPage" });

/**
 * The greeting step on an unknown number (product.md, Two-way texting): a new lead, a new customer, or an
 * existing contact. There is no "other": an agent who wants none simply closes the conversation.
 */
export const classifyConversationRequestSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({
      kind: z.literal("new"),
      status: contactStatusSchema,
      name: contactNameSchema,
      email: contactEmailSchema.optional(),
      notes: contactNotesSchema.optional(),
    }),
    z.object({ kind: z.literal("match"), contactId: contactIdSchema }),
  ],
  "kind: new or match",
);
export type ClassifyConversationRequest = z.input<typeof classifyConversationRequestSchema>;
export type ClassifyConversationFields = z.output<typeof classifyConversationRequestSchema>;
