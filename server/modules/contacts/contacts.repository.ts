import { sql } from "kysely";
import type { ContactListQuery } from "../../../common/api/contacts.ts";
import type { Executor } from "../../db/database.ts";
import type { ContactStatus } from "../../db/tables.ts";
import { containsPattern, offsetOf } from "../memberships/query-helpers.ts";

export interface ContactRow {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  status: ContactStatus;
  notes: string | null;
  createdAt: Date;
  updatedAt: Date;
  optedOut: boolean | null;
  optOutKeyword: string | null;
  optOutChangedAt: Date | null;
}

function contactsWithOptOut(executor: Executor) {
  return executor
    .selectFrom("contacts")
    .leftJoin("smsOptOuts", "smsOptOuts.phone", "contacts.phone")
    .selectAll("contacts")
    .select(["smsOptOuts.optedOut", "smsOptOuts.keyword as optOutKeyword", "smsOptOuts.changedAt as optOutChangedAt"]);
}

export async function findContact(executor: Executor, contactId: string): Promise<ContactRow | undefined> {
  return contactsWithOptOut(executor).where("contacts.id", "=", contactId).executeTakeFirst();
}

/**
 * A page of contacts by name. `exactOnly`: the search matches only a whole name, phone or e-mail, as typed (a
 * reader with "mask sensitive data" may find a contact they already know, never learn a hidden part by searching).
 */
export async function listContacts(executor: Executor, query: ContactListQuery, search: { phone: string | null; exactOnly: boolean }): Promise<{ rows: ContactRow[]; total: number }> {
  let select = contactsWithOptOut(executor);
  if (query.status) {
    select = select.where("contacts.status", "=", query.status);
  }
  const text = query.search?.trim();
  if (text) {
    select = select.where((eb) => {
      if (search.exactOnly) {
        return eb.or([
          eb(sql`lower(contacts.name)`, "=", text.toLowerCase()),
          eb(sql`lower(contacts.email)`, "=", text.toLowerCase()),
          ...(search.phone ? [eb("contacts.phone", "=", search.phone)] : []),
        ]);
      }
      const pattern = containsPattern(text);
      return eb.or([
        eb("contacts.name", "ilike", pattern),
        eb("contacts.email", "ilike", pattern),
        eb("contacts.phone", "ilike", pattern),
        ...(search.phone ? [eb("contacts.phone", "=", search.phone)] : []),
      ]);
    });
  }
  const [rows, count] = await Promise.all([
    select.orderBy(sql`lower(contacts.name)`).orderBy("contacts.id").limit(query.pageSize).offset(offsetOf(query)).execute(),
    select.clearSelect().select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

/**
 * The contact's fields on every interaction with it, and on SMS conversations of its number not yet linked to a
 * contact (an unknown number became known): alerts, tabs and history show the name and status. Answers the open
 * interactions changed, with their owner and the agents alerted for them.
 */
export async function linkInteractions(executor: Executor, contact: { id: string; name: string; status: ContactStatus; phone: string | null }): Promise<{ id: string; readers: string[] }[]> {
  const result = await sql<{ id: string; readers: string[] }>`
    with changed as (
      update interactions
         set contact_id = ${contact.id}, customer_name = ${contact.name}, contact_status = ${contact.status}, updated_at = now()
       where contact_id = ${contact.id}
          or (${contact.phone}::text is not null and channel = 'sms' and contact_id is null and customer_address = ${contact.phone})
      returning id, state, owner_id
    )
    select c.id, array_remove(array_cat(array[c.owner_id::text], coalesce((select array_agg(o.agent_id::text) from offers o where o.interaction_id = c.id and o.state = 'pending'), '{}')), null) as readers
      from changed c
     where c.state in ('queued', 'offered', 'active')`.execute(executor);
  return result.rows;
}

export interface HistoryRow {
  id: string;
  agentName: string | null;
}

export async function listContactConversations(executor: Executor, contactId: string, page: { page: number; pageSize: number }): Promise<{ rows: HistoryRow[]; total: number }> {
  const base = executor.selectFrom("interactions").where("interactions.contactId", "=", contactId);
  const [rows, count] = await Promise.all([
    base
      .leftJoin("users", "users.id", "interactions.ownerId")
      .select(["interactions.id", "users.fullName as agentName"])
      .orderBy("interactions.openedAt", "desc")
      .orderBy("interactions.id")
      .limit(page.pageSize)
      .offset(offsetOf(page))
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}
