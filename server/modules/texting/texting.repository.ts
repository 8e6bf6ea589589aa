import { sql } from "kysely";
import type { Executor } from "../../db/database.ts";
import type { ContactStatus, MessageDelivery } from "../../db/tables.ts";
import type { KeywordAction } from "../../../common/domain/texting.ts";

export interface InboundContext {
  entryPointId: string | null;
  contactId: string | null;
  contactName: string | null;
  contactStatus: ContactStatus | null;
  optedOut: boolean;
}

/**
 * Everything an inbound SMS needs before it is stored, in one read: the entry point its `To` number selects, else
 * the one of its Messaging Service (a pool of numbers); the contact of the sender's number; their opt-out.
 */
export async function findInboundContext(executor: Executor, inbound: { to: string; messagingServiceSid: string | null; phone: string }): Promise<InboundContext> {
  const addresses = [inbound.to, inbound.messagingServiceSid].filter((address): address is string => address !== null).map((address) => address.toLowerCase());
  const result = await sql<InboundContext>`
    select (select e.id from entry_points e
             where e.channel = 'sms' and lower(e.address) = any(${sql.val(addresses)}::text[])
             order by (lower(e.address) = ${inbound.to.toLowerCase()}) desc limit 1) as "entryPointId",
           c.id as "contactId", c.name as "contactName", c.status as "contactStatus",
           coalesce((select o.opted_out from sms_opt_outs o where o.phone = ${inbound.phone}), false) as "optedOut"
      from (select 1) one
      left join contacts c on c.phone = ${inbound.phone}`.execute(executor);
  return result.rows[0] ?? { entryPointId: null, contactId: null, contactName: null, contactStatus: null, optedOut: false };
}

export interface OptOutChange {
  /** The message that caused it (a MessageSid, or our message id for a refusal by the carrier): applied once. */
  eventId: string;
  phone: string;
  keyword: string;
  action: KeywordAction;
}

/**
 * One statement: the keyword event once (by its message id), then, for an opt-out or opt-in, the number's state
 * and the flag of its open conversations on every one of our numbers. Answers whether the event was new and the
 * open conversations it marked with their owners.
 */
export async function recordKeywordEvent(executor: Executor, change: OptOutChange): Promise<{ applied: boolean; marked: { id: string; ownerId: string | null }[] }> {
  const optedOut = change.action === "opt_out";
  const changesState = change.action !== "help";
  const result = await sql<{ applied: boolean; marked: { id: string; ownerId: string | null }[] }>`
    with event as (
      insert into sms_keyword_events (message_sid, phone, keyword, action) values (${change.eventId}, ${change.phone}, ${change.keyword}, ${change.action})
      on conflict (message_sid) do nothing
      returning phone
    ), state as (
      insert into sms_opt_outs (phone, opted_out, keyword, changed_at)
      select phone, ${optedOut}, ${change.keyword}, now() from event where ${changesState}
      on conflict (phone) do update set opted_out = excluded.opted_out, keyword = excluded.keyword, changed_at = excluded.changed_at
    ), marked as (
      update interactions set customer_opted_out = ${optedOut}, updated_at = now()
       where channel = 'sms' and customer_address = ${change.phone} and state in ('queued', 'offered', 'active')
         and customer_opted_out <> ${optedOut} and ${changesState} and exists (select 1 from event)
      returning id, owner_id
    )
    select exists (select 1 from event) as applied,
           (select coalesce(json_agg(json_build_object('id', m.id, 'ownerId', m.owner_id)), '[]'::json) from marked m) as marked`.execute(executor);
  return result.rows[0] ?? { applied: false, marked: [] };
}

export interface OptOutState {
  optedOut: boolean;
  keyword: string;
  changedAt: Date;
}

export async function findOptOut(executor: Executor, phone: string): Promise<OptOutState | undefined> {
  return executor.selectFrom("smsOptOuts").select(["optedOut", "keyword", "changedAt"]).where("phone", "=", phone).executeTakeFirst();
}

/** What sending one reply needs: the reply, where it goes, and where it leaves from. */
export interface OutboundRow {
  messageId: string;
  body: string;
  delivery: MessageDelivery;
  externalId: string | null;
  interactionId: string;
  customerAddress: string;
  customerOptedOut: boolean;
  entryPointChannel: string | null;
  entryPointAddress: string | null;
}

export async function findOutbound(executor: Executor, messageId: string): Promise<OutboundRow | undefined> {
  return executor
    .selectFrom("interactionMessages")
    .innerJoin("interactions", "interactions.id", "interactionMessages.interactionId")
    .leftJoin("entryPoints", "entryPoints.id", "interactions.entryPointId")
    .select([
      "interactionMessages.id as messageId",
      "interactionMessages.body",
      "interactionMessages.delivery",
      "interactionMessages.externalId",
      "interactions.id as interactionId",
      "interactions.customerAddress",
      "interactions.customerOptedOut",
      "entryPoints.channel as entryPointChannel",
      "entryPoints.address as entryPointAddress",
    ])
    .where("interactionMessages.id", "=", messageId)
    .executeTakeFirst();
}

/** The message a status callback is about: by Twilio's id, else by ours (the callback may beat the send's answer). */
export async function findCallbackMessage(executor: Executor, messageSid: string, messageId: string | undefined): Promise<{ id: string; externalId: string | null; customerAddress: string } | undefined> {
  const bySid = await executor
    .selectFrom("interactionMessages")
    .innerJoin("interactions", "interactions.id", "interactionMessages.interactionId")
    .select(["interactionMessages.id", "interactionMessages.externalId", "interactions.customerAddress"])
    .where("interactionMessages.externalId", "=", messageSid)
    .executeTakeFirst();
  if (bySid || !messageId) {
    return bySid;
  }
  return executor
    .selectFrom("interactionMessages")
    .innerJoin("interactions", "interactions.id", "interactionMessages.interactionId")
    .select(["interactionMessages.id", "interactionMessages.externalId", "interactions.customerAddress"])
    .where("interactionMessages.id", "=", messageId)
    .where("interactionMessages.direction", "=", "outbound")
    .where("interactions.channel", "=", "sms")
    .executeTakeFirst();
}
