import { describe, expect, it } from "vitest";
import type { CoachingCopy, CoachingMessageId } from "../../../common/api/coaching.ts";
import { unreadIds, withMessages, withoutBefore, withRead } from "./coaching-cache.ts";

function copy(id: string, sentAt: string, readAt: string | null = null): CoachingCopy {
  return { id: id as CoachingMessageId, body: `Message ${id}`, senderName: "Sue", sentAt, deliveredAt: sentAt, readAt };
}

describe("the desktop's coaching cache", () => {
  const empty = { items: [], unread: 0 };

  it("adds delivered messages oldest first and counts the unread, once however often they arrive", () => {
    const later = copy("b", "2026-06-01T10:05:00.000Z");
    const earlier = copy("a", "2026-06-01T10:00:00.000Z");
    const inbox = withMessages(withMessages(empty, [later]), [earlier, later]);
    expect(inbox.items.map((item) => item.id)).toEqual(["a", "b"]);
    expect(inbox.unread).toBe(2);
  });

  it("keeps a message read when its delivery is heard after the read", () => {
    const read = withRead(withMessages(empty, [copy("a", "2026-06-01T10:00:00.000Z")]), ["a"], "2026-06-01T10:01:00.000Z");
    const again = withMessages(read, [copy("a", "2026-06-01T10:00:00.000Z")]);
    expect(again.items[0]?.readAt).toBe("2026-06-01T10:01:00.000Z");
    expect(again.unread).toBe(0);
    expect(unreadIds(again)).toEqual([]);
  });

  it("drops the messages sent before the clear-down", () => {
    const inbox = withMessages(empty, [copy("a", "2026-06-01T10:00:00.000Z"), copy("b", "2026-06-02T08:00:00.000Z")]);
    const cleared = withoutBefore(inbox, "2026-06-02T03:00:00.000Z");
    expect(cleared).toEqual({ items: [copy("b", "2026-06-02T08:00:00.000Z")], unread: 1 });
  });
});
