import { z } from "zod";
import {
  inboxSchema,
  interactionMessageSchema,
  interactionSchema,
  messagesPageSchema,
  type Inbox,
  type Interaction,
  type InteractionId,
  type InteractionMessage,
} from "../../common/api/interactions.ts";
import { channelSchema } from "../../common/domain/channels.ts";
import { requestJson, requestWithoutContent } from "./http-client.ts";

export const inboxQueryKeys = {
  inbox: ["inbox"],
  counters: ["inbox-counters"],
  messages: (interactionId: string) => ["interactions", interactionId, "messages"] as const,
} as const;

/** The agent's open work per channel against their capacity (0 = unlimited) and their open tabs. */
export const inboxCountersSchema = z.object({
  channels: z.array(
    z.object({ channel: channelSchema, open: z.int(), capacity: z.int(), paused: z.boolean(), enabled: z.boolean() }),
  ),
  openTotal: z.int(),
  maxOpenTabs: z.int(),
});
export type InboxCounters = z.infer<typeof inboxCountersSchema>;

function interactionPath(interactionId: InteractionId, action: string): string {
  return `/api/v1/interactions/${encodeURIComponent(interactionId)}/${action}`;
}

export async function fetchInbox(): Promise<Inbox> {
  return requestJson("/api/v1/inbox", inboxSchema);
}

export async function fetchInboxCounters(): Promise<InboxCounters> {
  return requestJson("/api/v1/inbox/counters", inboxCountersSchema);
}

export async function acceptInteraction(interactionId: InteractionId): Promise<Interaction> {
  return requestJson(interactionPath(interactionId, "accept"), interactionSchema, { method: "POST" });
}

export async function rejectInteraction(interactionId: InteractionId): Promise<void> {
  await requestWithoutContent(interactionPath(interactionId, "reject"), { method: "POST" });
}

export async function closeInteraction(interactionId: InteractionId): Promise<Interaction> {
  return requestJson(interactionPath(interactionId, "close"), interactionSchema, { method: "POST" });
}

export async function fetchMessages(interactionId: InteractionId): Promise<InteractionMessage[]> {
  const page = await requestJson(interactionPath(interactionId, "messages"), messagesPageSchema);
  return page.items;
}

export async function sendReply(interactionId: InteractionId, body: string): Promise<InteractionMessage> {
  return requestJson(interactionPath(interactionId, "messages"), interactionMessageSchema, { method: "POST", body: { body } });
}
