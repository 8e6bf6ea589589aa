import { z } from "zod";
import { channelSchema, type Channel } from "../domain/channels.ts";
import { queueIdSchema } from "./groups.ts";
import { entryPointIdSchema } from "./interactions.ts";
import { paginationQuerySchema } from "./pagination.ts";

// product.md, Routing: an entry point (an SMS number, a chat widget, an e-mail address, an open-channel
// endpoint…) routes to an ordered chain of queues of its own channel.

export const ENTRY_POINT_NAME_MAX = 100;
export const ENTRY_POINT_QUEUES_MAX = 20;
export const WEBHOOK_URL_MAX = 2000;

/** What the address of an entry point is, per channel: a phone number, an e-mail address or a slug. */
export type AddressKind = "phone" | "email" | "slug";

const ADDRESS_KINDS: Record<Channel, AddressKind> = {
  voice: "phone",
  sms: "phone",
  whatsapp: "phone",
  fax: "phone",
  email: "email",
  chat: "slug",
  openchannel: "slug",
  messenger: "slug",
  instagram: "slug",
};

export function addressKindOf(channel: Channel): AddressKind {
  return ADDRESS_KINDS[channel];
}

// E.164-ish: a "+" and 8 to 15 digits, nothing else (product.md, The agent record: E.164).
const PHONE_PATTERN = /^\+\d{8,15}$/;
const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const emailCheck = z.email();

const ADDRESS_RULES: Record<AddressKind, { test: (address: string) => boolean; message: string }> = {
  phone: { test: (address) => PHONE_PATTERN.test(address), message: "address: a phone number in international form, a + and 8 to 15 digits (+14155550123)" },
  email: { test: (address) => address.length <= 254 && emailCheck.safeParse(address).success, message: "address: an e-mail address (support@example.com)" },
  slug: { test: (address) => SLUG_PATTERN.test(address), message: "address: lower-case letters, digits and hyphens, at most 64 (web-chat)" },
};

// An SMS entry point is a number, or a Twilio Messaging Service (a pool of numbers): texts to any number of the
// pool reach it, and replies leave from the pool (issue 5, item 1).
const MESSAGING_SERVICE_PATTERN = /^MG[0-9a-fA-F]{32}$/;

export function isMessagingServiceSid(address: string): boolean {
  return MESSAGING_SERVICE_PATTERN.test(address);
}

/** The message naming `address` when it does not suit the channel; null when it does. */
export function addressIssue(channel: Channel, address: string): string | null {
  if (channel === "sms") {
    return PHONE_PATTERN.test(address) || isMessagingServiceSid(address)
      ? null
      : "address: a phone number in international form, a + and 8 to 15 digits (+14155550123), or a Twilio Messaging Service SID (MG and 32 hexadecimal digits)";
  }
  const rule = ADDRESS_RULES[addressKindOf(channel)];
  return rule.test(address) ? null : rule.message;
}

export const entryPointNameSchema = z
  .string("name: required")
  .trim()
  .min(1, "name: required")
  .max(ENTRY_POINT_NAME_MAX, `name: at most ${ENTRY_POINT_NAME_MAX} characters`);

export const entryPointAddressSchema = z.string("address: required").trim().min(1, "address: required").max(254, "address: at most 254 characters");

/** Where the agents' replies of an open-channel entry point are posted (signed, see README). */
export const webhookUrlSchema = z
  .string("webhookUrl: an http or https address")
  .trim()
  .max(WEBHOOK_URL_MAX, `webhookUrl: at most ${WEBHOOK_URL_MAX} characters`)
  .refine((value) => isHttpUrl(value), "webhookUrl: an http or https address (https://example.com/switchboard)");

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** The queue chain, first queue first: each queue once (the 400 names `queueIds.N`). */
export const queueChainSchema = z
  .array(queueIdSchema, "queueIds: a list of queue ids")
  .min(1, "queueIds: at least one queue")
  .max(ENTRY_POINT_QUEUES_MAX, `queueIds: at most ${ENTRY_POINT_QUEUES_MAX} queues`)
  .superRefine((queueIds, context) => {
    queueIds.forEach((queueId, index) => {
      if (queueIds.indexOf(queueId) !== index) {
        context.addIssue({ code: "custom", path: [index], message: `queueIds.${index}: this queue is already in the chain` });
      }
    });
  });

export const entryPointQueueSchema = z.object({ id: queueIdSchema, name: z.string(), channel: channelSchema });
export type EntryPointQueue = z.infer<typeof entryPointQueueSchema>;

const timestamp = z.iso.datetime({ offset: true });

export const entryPointSchema = z
  .object({
    id: entryPointIdSchema,
    name: z.string(),
    channel: channelSchema,
    address: z.string(),
    /** The chain, first queue first. */
    queues: z.array(entryPointQueueSchema),
    /** Open channel: whether an inbound key is set (the key itself is shown once). */
    hasInboundKey: z.boolean(),
    webhookUrl: z.string().nullable(),
    /** Open channel: the secret the receiver checks signatures with; admins only (null for supervisors). */
    webhookSecret: z.string().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "EntryPoint" });
export type EntryPoint = z.infer<typeof entryPointSchema>;

/** The created entry point, with its inbound key when it is an open channel: shown this once. */
export const createdEntryPointSchema = z
  .object({ entryPoint: entryPointSchema, inboundKey: z.string().nullable() })
  .meta({ id: "CreatedEntryPoint" });
export type CreatedEntryPoint = z.infer<typeof createdEntryPointSchema>;

export const inboundKeySchema = z.object({ inboundKey: z.string() }).meta({ id: "InboundKey" });
export type InboundKey = z.infer<typeof inboundKeySchema>;

export const createEntryPointRequestSchema = z
  .object({
    name: entryPointNameSchema,
    channel: channelSchema,
    address: entryPointAddressSchema,
    queueIds: queueChainSchema,
    webhookUrl: webhookUrlSchema.optional(),
  })
  .superRefine((request, context) => {
    const issue = addressIssue(request.channel, request.address);
    if (issue) {
      context.addIssue({ code: "custom", path: ["address"], message: issue });
    }
    if (request.channel === "openchannel" && request.webhookUrl === undefined) {
      context.addIssue({ code: "custom", path: ["webhookUrl"], message: "webhookUrl: required for an open channel (where agents' replies are posted)" });
    }
    if (request.channel !== "openchannel" && request.webhookUrl !== undefined) {
      context.addIssue({ code: "custom", path: ["webhookUrl"], message: "webhookUrl: only for open-channel entry points" });
    }
  });
export type CreateEntryPointRequest = z.infer<typeof createEntryPointRequestSchema>;

/** The channel is fixed once created; the address is checked against it by the server (and the form). */
export const updateEntryPointRequestSchema = z.object({
  name: entryPointNameSchema.optional(),
  address: entryPointAddressSchema.optional(),
  queueIds: queueChainSchema.optional(),
  webhookUrl: webhookUrlSchema.optional(),
});
export type UpdateEntryPointRequest = z.infer<typeof updateEntryPointRequestSchema>;

export const entryPointListQuerySchema = paginationQuerySchema.extend({
  search: z.string().trim().max(100, "search: at most 100 characters").optional(),
  channel: channelSchema.optional(),
});
export type EntryPointListQuery = z.infer<typeof entryPointListQuerySchema>;

export const entryPointParamsSchema = z.object({ entryPointId: entryPointIdSchema });
