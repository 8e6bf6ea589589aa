import {
  contactConversationPageSchema,
  contactPageSchema,
  contactSchema,
  type ClassifyConversationRequest,
  type Contact,
  type ContactConversation,
  type CreateContactRequest,
  type UpdateContactRequest,
} from "../../common/api/contacts.ts";
import { interactionSchema, messagesPageSchema, type Interaction, type InteractionMessage } from "../../common/api/interactions.ts";
import type { Page } from "../../common/api/pagination.ts";
import { requestJson } from "./http-client.ts";

// Contacts (issue 5, item 4): the contact book of agents (Contacts module) and of the console.

export const contactQueryKeys = {
  all: ["contacts"] as const,
  list: (search: string, status: string, page: number) => ["contacts", "list", search, status, page] as const,
  one: (contactId: string) => ["contacts", contactId] as const,
  conversations: (contactId: string, page: number) => ["contacts", contactId, "conversations", page] as const,
  transcript: (contactId: string, interactionId: string) => ["contacts", contactId, "transcript", interactionId] as const,
};

const contactPath = (contactId: string) => `/api/v1/contacts/${encodeURIComponent(contactId)}`;

export async function fetchContacts(query: { search: string; status: string; page: number; pageSize?: number }): Promise<Page<Contact>> {
  const parameters = new URLSearchParams({ page: String(query.page), pageSize: String(query.pageSize ?? 25) });
  if (query.search.trim() !== "") {
    parameters.set("search", query.search.trim());
  }
  if (query.status !== "") {
    parameters.set("status", query.status);
  }
  return requestJson(`/api/v1/contacts?${parameters.toString()}`, contactPageSchema);
}

export async function fetchContact(contactId: string): Promise<Contact> {
  return requestJson(contactPath(contactId), contactSchema);
}

export async function createContact(request: CreateContactRequest): Promise<Contact> {
  return requestJson("/api/v1/contacts", contactSchema, { method: "POST", body: request });
}

export async function updateContact(contactId: string, request: UpdateContactRequest): Promise<Contact> {
  return requestJson(contactPath(contactId), contactSchema, { method: "PATCH", body: request });
}

export async function mergeContact(contactId: string, intoContactId: string): Promise<Contact> {
  return requestJson(`${contactPath(contactId)}/merge`, contactSchema, { method: "POST", body: { intoContactId } });
}

export async function fetchContactConversations(contactId: string, page: number): Promise<Page<ContactConversation>> {
  return requestJson(`${contactPath(contactId)}/conversations?page=${page}&pageSize=10`, contactConversationPageSchema);
}

export async function fetchContactTranscript(contactId: string, interactionId: string): Promise<InteractionMessage[]> {
  return (await requestJson(`${contactPath(contactId)}/conversations/${encodeURIComponent(interactionId)}/messages`, messagesPageSchema)).items;
}

export async function classifyConversation(interactionId: string, request: ClassifyConversationRequest): Promise<Interaction> {
  return requestJson(`/api/v1/interactions/${encodeURIComponent(interactionId)}/contact`, interactionSchema, { method: "POST", body: request });
}
