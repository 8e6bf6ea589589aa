import type { CoachingCopy, CoachingInbox } from "../../../common/api/coaching.ts";

// The agent's day of coaching messages as the desktop keeps it from pushed events: pure updates of the cached
// inbox, so an event that arrives twice, or after the fetch that already had it, changes nothing.

function withUnread(items: CoachingCopy[]): CoachingInbox {
  return { items, unread: items.filter((item) => item.readAt === null).length };
}

/** Adds delivered messages (or updates ones already there), oldest first. */
export function withMessages(inbox: CoachingInbox, messages: readonly CoachingCopy[]): CoachingInbox {
  const byId = new Map(inbox.items.map((item) => [item.id, item]));
  for (const message of messages) {
    const known = byId.get(message.id);
    // A copy read in another tab stays read whatever order the events came in.
    byId.set(message.id, known ? { ...message, readAt: known.readAt ?? message.readAt } : message);
  }
  const items = [...byId.values()].sort((left, right) => Date.parse(left.sentAt) - Date.parse(right.sentAt));
  return withUnread(items);
}

export function withRead(inbox: CoachingInbox, messageIds: readonly string[], readAt: string): CoachingInbox {
  const read = new Set(messageIds);
  return withUnread(inbox.items.map((item) => (read.has(item.id) && item.readAt === null ? { ...item, readAt, deliveredAt: item.deliveredAt ?? readAt } : item)));
}

/** The overnight clear-down: messages sent before `before` leave the day. */
export function withoutBefore(inbox: CoachingInbox, before: string): CoachingInbox {
  const cutoff = Date.parse(before);
  return withUnread(inbox.items.filter((item) => Date.parse(item.sentAt) >= cutoff));
}

export function unreadIds(inbox: CoachingInbox | undefined): string[] {
  return (inbox?.items ?? []).filter((item) => item.readAt === null).map((item) => item.id);
}
