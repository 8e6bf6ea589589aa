import type { CoachingCopy, CoachingMessageId } from "../../../common/api/coaching.ts";
import type { CopyRow } from "./coaching.repository.ts";

/** The agent's copy as the desktop shows it. */
export function presentCopy(row: CopyRow): CoachingCopy {
  return {
    id: row.messageId as CoachingMessageId,
    body: row.body,
    senderName: row.senderName,
    sentAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/**
 * Copies grouped by what each agent receives: agents given the same messages at the same time share one
 * payload, so a team's message leaves in one emit to all their rooms rather than one emit per agent.
 */
export function groupByPayload(rows: readonly CopyRow[]): { agentIds: string[]; messages: CoachingCopy[] }[] {
  const byAgent = new Map<string, CopyRow[]>();
  for (const row of rows) {
    const copies = byAgent.get(row.agentId);
    if (copies) {
      copies.push(row);
    } else {
      byAgent.set(row.agentId, [row]);
    }
  }
  const groups = new Map<string, { agentIds: string[]; messages: CoachingCopy[] }>();
  for (const [agentId, copies] of byAgent) {
    const messages = copies.map(presentCopy);
    const key = JSON.stringify(messages);
    const group = groups.get(key);
    if (group) {
      group.agentIds.push(agentId);
    } else {
      groups.set(key, { agentIds: [agentId], messages });
    }
  }
  return [...groups.values()];
}
