import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  classifyConversationRequestSchema,
  contactConversationPageSchema,
  contactConversationParamsSchema,
  contactListQuerySchema,
  contactPageSchema,
  contactParamsSchema,
  contactSchema,
  createContactRequestSchema,
  mergeContactRequestSchema,
  updateContactRequestSchema,
} from "../../../common/api/contacts.ts";
import { interactionParamsSchema, interactionSchema, messagesPageSchema } from "../../../common/api/interactions.ts";
import { paginationQuerySchema } from "../../../common/api/pagination.ts";
import { actorOf } from "../../http/access.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { ContactsService } from "./contacts.service.ts";

const tags = ["contacts"];
// The contact book is the contact center's: everyone signed in with the Contacts module works it.
const contactBook = { access: ["agent", "supervisor", "admin"], module: "contacts" } as const;
// Merging cannot be undone: admins and supervisors.
const managers = { access: ["admin", "supervisor"] } as const;

export function registerContactsRoutes(app: FastifyInstance, contacts: ContactsService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get("/api/v1/contacts", {
    config: contactBook,
    schema: { tags, summary: "Search leads and customers by name, phone or e-mail (masked readers: whole values only)", querystring: contactListQuerySchema, response: { 200: contactPageSchema, ...errorResponses } },
    handler: async (request) => contacts.list(actorOf(request), request.query),
  });

  routes.post("/api/v1/contacts", {
    config: contactBook,
    schema: { tags, summary: "Create a lead or customer; the phone is stored in E.164", body: createContactRequestSchema, response: { 201: contactSchema, ...errorResponses } },
    handler: async (request, reply) => reply.code(201).send(await contacts.create(actorOf(request), request.body)),
  });

  routes.get("/api/v1/contacts/:contactId", {
    config: contactBook,
    schema: { tags, summary: "One contact, with the opt-out of its number", params: contactParamsSchema, response: { 200: contactSchema, ...errorResponses } },
    handler: async (request) => contacts.get(actorOf(request), request.params.contactId),
  });

  routes.patch("/api/v1/contacts/:contactId", {
    config: contactBook,
    schema: { tags, summary: "Change a contact's name, status, phone, e-mail or notes", params: contactParamsSchema, body: updateContactRequestSchema, response: { 200: contactSchema, ...errorResponses } },
    handler: async (request) => contacts.update(actorOf(request), request.params.contactId, request.body),
  });

  routes.post("/api/v1/contacts/:contactId/merge", {
    config: managers,
    schema: {
      tags,
      summary: "Merge this contact into another: the other keeps its fields, fills its blanks and takes the history; this one is deleted",
      params: contactParamsSchema,
      body: mergeContactRequestSchema,
      response: { 200: contactSchema, ...errorResponses },
    },
    handler: async (request) => contacts.merge(actorOf(request), request.params.contactId, request.body.intoContactId),
  });

  routes.get("/api/v1/contacts/:contactId/conversations", {
    config: contactBook,
    schema: { tags, summary: "The contact's conversations, newest first: its history", params: contactParamsSchema, querystring: paginationQuerySchema, response: { 200: contactConversationPageSchema, ...errorResponses } },
    handler: async (request) => contacts.conversations(actorOf(request), request.params.contactId, request.query),
  });

  routes.get("/api/v1/contacts/:contactId/conversations/:interactionId/messages", {
    config: contactBook,
    schema: { tags, summary: "The messages of one conversation of the contact's history", params: contactConversationParamsSchema, response: { 200: messagesPageSchema, ...errorResponses } },
    handler: async (request) => contacts.transcript(request.params.contactId, request.params.interactionId),
  });

  routes.post("/api/v1/interactions/:interactionId/contact", {
    config: { access: ["agent", "supervisor", "admin"], module: "inbox" },
    schema: {
      tags,
      summary: "The greeting step: make your conversation's unknown number a new lead or customer, or match it to a contact",
      params: interactionParamsSchema,
      body: classifyConversationRequestSchema,
      response: { 200: interactionSchema, ...errorResponses },
    },
    handler: async (request) => contacts.classify(actorOf(request), request.params.interactionId, request.body),
  });
}
