import type {
  ClassifyConversationFields,
  Contact,
  ContactConversation,
  ContactListQuery,
  CreateContactFields,
  UpdateContactFields,
} from "../../../common/api/contacts.ts";
import type { Interaction, InteractionMessage } from "../../../common/api/interactions.ts";
import type { Page } from "../../../common/api/pagination.ts";
import { toE164 } from "../../../common/domain/phone.ts";
import type { Db, Tx } from "../../db/database.ts";
import type { ContactStatus } from "../../db/tables.ts";
import { BadRequestError, ConflictError, NotFoundError } from "../../lib/errors.ts";
import { findInteractionViews, presentInteraction } from "../../routing/interaction.presenter.ts";
import type { RoutingService } from "../../routing/routing.service.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { Actor } from "../auth/principal.ts";
import type { ContactMasking } from "../masking/contact-masking.service.ts";
import { isUniqueViolation } from "../memberships/query-helpers.ts";
import { presentContact } from "./contacts.presenter.ts";
import { findContact, linkInteractions, listContactConversations, listContacts } from "./contacts.repository.ts";

const notFound = () => new NotFoundError("contact_not_found", "This contact does not exist.");
const phoneTaken = (contactId?: string) =>
  new ConflictError("contact_phone_taken", "phone: another contact has this number", contactId ? [{ field: "phone", message: "phone: another contact has this number", contactId }] : undefined);

export type ContactsRouting = Pick<RoutingService, "publisher" | "readMessages">;

/**
 * The account's leads and customers (issue 5, item 4): search, create, edit, merge, and the history of their
 * conversations. Every read goes through the reader's contact masking. Agents with the Contacts module search,
 * read, create and edit contacts, the contact book of the whole contact center (a customer texts whichever number,
 * and whoever answers needs the card); merging two contacts, which cannot be undone, is for admins and supervisors.
 * A contact's name and status are copied onto its interactions, so alerts and tabs show them with no extra read.
 */
export class ContactsService {
  constructor(
    private readonly db: Db,
    private readonly masking: ContactMasking,
    private readonly routing: ContactsRouting,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, query: ContactListQuery): Promise<Page<Contact>> {
    const masker = await this.masking.forUser(actor.principal.user.id);
    const phone = query.search ? toE164(query.search) : null;
    const { rows, total } = await listContacts(this.db, query, { phone, exactOnly: masker.enabled });
    return { items: rows.map((row) => presentContact(row, masker)), total, page: query.page, pageSize: query.pageSize };
  }

  async get(actor: Actor, contactId: string): Promise<Contact> {
    const [row, masker] = await Promise.all([findContact(this.db, contactId), this.masking.forUser(actor.principal.user.id)]);
    if (!row) {
      throw notFound();
    }
    return presentContact(row, masker);
  }

  async create(actor: Actor, fields: CreateContactFields): Promise<Contact> {
    const { id, changed } = await this.write(async (transaction) => {
      const created = await transaction
        .insertInto("contacts")
        .values({ name: fields.name, status: fields.status, phone: fields.phone ?? null, email: fields.email ?? null, notes: fields.notes ?? null, createdBy: actor.principal.user.id })
        .returning(["id", "name", "status", "phone"])
        .executeTakeFirstOrThrow();
      return { id: created.id, changed: await linkInteractions(transaction, created) };
    });
    await this.tellReaders(changed);
    return this.get(actor, id);
  }

  async update(actor: Actor, contactId: string, fields: UpdateContactFields): Promise<Contact> {
    const changed = await this.write(async (transaction) => {
      const updated = await transaction
        .updateTable("contacts")
        .set({
          ...(fields.name === undefined ? {} : { name: fields.name }),
          ...(fields.status === undefined ? {} : { status: fields.status }),
          ...(fields.phone === undefined ? {} : { phone: fields.phone }),
          ...(fields.email === undefined ? {} : { email: fields.email }),
          ...(fields.notes === undefined ? {} : { notes: fields.notes }),
          updatedAt: new Date(),
        })
        .where("id", "=", contactId)
        .returning(["id", "name", "status", "phone"])
        .executeTakeFirst();
      if (!updated) {
        throw notFound();
      }
      return linkInteractions(transaction, updated);
    });
    await this.tellReaders(changed);
    return this.get(actor, contactId);
  }

  /**
   * Merges `contactId` into `intoContactId`: the survivor keeps its own fields and takes the other's where it
   * has none (notes are joined), every conversation moves to it, and the merged contact is deleted.
   */
  async merge(actor: Actor, contactId: string, intoContactId: string): Promise<Contact> {
    if (contactId === intoContactId) {
      throw new BadRequestError("validation_failed", "intoContactId: another contact than the one merged", [{ field: "intoContactId", message: "intoContactId: another contact than the one merged" }]);
    }
    const changed = await this.write(async (transaction) => {
      // Both rows locked in id order: two merges of the same pair never wait on each other in a cycle.
      const locked = await transaction.selectFrom("contacts").selectAll().where("id", "in", [contactId, intoContactId]).orderBy("id").forUpdate().execute();
      const merged = locked.find((row) => row.id === contactId);
      const survivor = locked.find((row) => row.id === intoContactId);
      if (!merged || !survivor) {
        throw notFound();
      }
      await transaction.deleteFrom("contacts").where("id", "=", contactId).execute();
      const notes = [survivor.notes, merged.notes].filter((note): note is string => Boolean(note)).join("\n\n");
      const kept = await transaction
        .updateTable("contacts")
        .set({ phone: survivor.phone ?? merged.phone, email: survivor.email ?? merged.email, notes: notes === "" ? null : notes, updatedAt: new Date() })
        .where("id", "=", intoContactId)
        .returning(["id", "name", "status", "phone"])
        .executeTakeFirstOrThrow();
      await transaction.updateTable("interactions").set({ contactId: intoContactId }).where("contactId", "=", contactId).execute();
      await this.audit.record(transaction, actor, { action: "contact.merged", entityType: "contact", entityId: intoContactId, summary: `Merged contact ${contactId} into ${intoContactId}` });
      return linkInteractions(transaction, kept);
    });
    await this.tellReaders(changed);
    return this.get(actor, intoContactId);
  }

  async conversations(actor: Actor, contactId: string, page: { page: number; pageSize: number }): Promise<Page<ContactConversation>> {
    const [contact, masker] = await Promise.all([findContact(this.db, contactId), this.masking.forUser(actor.principal.user.id)]);
    if (!contact) {
      throw notFound();
    }
    const { rows, total } = await listContactConversations(this.db, contactId, page);
    const views = await findInteractionViews(this.db, rows.map((row) => row.id));
    const items = rows.flatMap((row) => {
      const view = views.get(row.id);
      return view ? [{ interaction: presentInteraction(view, masker), agentName: row.agentName }] : [];
    });
    return { items, total, page: page.page, pageSize: page.pageSize };
  }

  /** The messages of one conversation of the contact's history (the contact book's reader may read them). */
  async transcript(contactId: string, interactionId: string): Promise<{ items: InteractionMessage[]; hasMore: boolean }> {
    const interaction = await this.db.selectFrom("interactions").select("id").where("id", "=", interactionId).where("contactId", "=", contactId).executeTakeFirst();
    if (!interaction) {
      throw new NotFoundError("interaction_not_found", "This conversation is not in the contact's history.");
    }
    return this.routing.readMessages(interactionId, {});
  }

  /**
   * The greeting step (product.md, Two-way texting): the owner of a conversation with an unknown number makes it a
   * new lead or customer, or matches it to an existing contact. The number becomes the contact's when the contact
   * has none; every conversation of the number then shows the contact.
   */
  async classify(actor: Actor, interactionId: string, request: ClassifyConversationFields): Promise<Interaction> {
    const agentId = actor.principal.user.id;
    const changed = await this.write(async (transaction) => {
      const interaction = await transaction
        .selectFrom("interactions")
        .select(["id", "channel", "ownerId", "state", "contactId", "customerAddress"])
        .where("id", "=", interactionId)
        .forUpdate()
        .executeTakeFirst();
      if (!interaction || interaction.ownerId !== agentId) {
        throw new NotFoundError("interaction_not_found", "This interaction is not yours.");
      }
      if (interaction.state !== "active") {
        throw new ConflictError("interaction_closed", "This interaction is closed.");
      }
      if (interaction.channel !== "sms") {
        throw new ConflictError("not_a_text_conversation", "Only text conversations have a greeting step.");
      }
      if (interaction.contactId) {
        throw new ConflictError("conversation_classified", "This conversation's number is already a known contact.");
      }
      const phone = toE164(interaction.customerAddress);
      const contact = request.kind === "new" ? await this.insertForNumber(transaction, request, phone, agentId) : await this.matchNumber(transaction, request.contactId, phone);
      await transaction.updateTable("interactions").set({ contactId: contact.id }).where("id", "=", interactionId).execute();
      return linkInteractions(transaction, contact);
    });
    await this.tellReaders(changed.filter((item) => item.id !== interactionId));
    const [views, maskers] = await Promise.all([findInteractionViews(this.db, [interactionId]), this.routing.publisher.maskersFor([agentId])]);
    const view = views.get(interactionId);
    const masker = maskers.get(agentId);
    if (!view || !masker) {
      throw new NotFoundError("interaction_not_found", "This interaction does not exist.");
    }
    return this.routing.publisher.interactionChangedFor("interaction.updated", view, { id: agentId, masker });
  }

  private async insertForNumber(
    transaction: Tx,
    request: Extract<ClassifyConversationFields, { kind: "new" }>,
    phone: string | null,
    agentId: string,
  ): Promise<{ id: string; name: string; status: ContactStatus; phone: string | null }> {
    const existing = phone ? await transaction.selectFrom("contacts").select("id").where("phone", "=", phone).executeTakeFirst() : undefined;
    if (existing) {
      throw phoneTaken(existing.id);
    }
    return transaction
      .insertInto("contacts")
      .values({ name: request.name, status: request.status, phone, email: request.email ?? null, notes: request.notes ?? null, createdBy: agentId })
      .returning(["id", "name", "status", "phone"])
      .executeTakeFirstOrThrow();
  }

  private async matchNumber(transaction: Tx, contactId: string, phone: string | null): Promise<{ id: string; name: string; status: ContactStatus; phone: string | null }> {
    const contact = await transaction.selectFrom("contacts").select(["id", "name", "status", "phone"]).where("id", "=", contactId).forUpdate().executeTakeFirst();
    if (!contact) {
      throw notFound();
    }
    if (contact.phone !== null || phone === null) {
      return contact;
    }
    return transaction.updateTable("contacts").set({ phone, updatedAt: new Date() }).where("id", "=", contactId).returning(["id", "name", "status", "phone"]).executeTakeFirstOrThrow();
  }

  private async write<Result>(change: (transaction: Tx) => Promise<Result>): Promise<Result> {
    try {
      return await this.db.transaction().execute(change);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw phoneTaken();
      }
      throw error;
    }
  }

  /** Open conversations whose contact fields changed: their owner and alerted agents see it at once. */
  private async tellReaders(changed: readonly { id: string; readers: string[] }[]): Promise<void> {
    for (const interaction of changed) {
      await this.routing.publisher.interactionChanged("interaction.updated", interaction.id, interaction.readers);
    }
  }
}


