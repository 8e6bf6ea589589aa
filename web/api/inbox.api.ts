import {
  inboxCountersSchema,
  inboxSchema,
  interactionMessageSchema,
  interactionSchema,
  messagesPageSchema,
  type Inbox,
  type InboxCounters,
  type Interaction,
  type InteractionId,
  type InteractionMessage,
} from "../../common/api/interactions.ts";
import { requestJson, requestWithoutContent } from "./http-client.ts";

export const inboxQueryKeys = {
  inbox: ["inbox"],
  counters: ["inbox-counters"],
  messages: (interactionId: string) => ["interactions", interactionId, "messages"] as const,
  /** Whether older messages than the cached ones remain (scroll back loads them into the messages' cache). */
  olderMessages: (interactionId: string) => ["interactions", interactionId, "older-messages"] as const,
} as const;

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

/** The newest messages; with `before`, the page older than that message (scrolling back). */
export async function fetchMessagesPage(interactionId: InteractionId, limit: number, before?: string): Promise<{ items: InteractionMessage[]; hasMore: boolean }> {
  const parameters = new URLSearchParams({ limit: String(limit) });
  if (before) {
    parameters.set("before", before);
  }
  return requestJson(`${interactionPath(interactionId, "messages")}?${parameters.toString()}`, messagesPageSchema);
}

export async function sendReply(interactionId: InteractionId, body: string): Promise<InteractionMessage> {
  return requestJson(interactionPath(interactionId, "messages"), interactionMessageSchema, { method: "POST", body: { body } });
}
