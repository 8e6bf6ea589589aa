import type { GroupMember, QueueId } from "../../../common/api/groups.ts";
import type { Queue } from "../../../common/api/queues.ts";
import type { UserId } from "../../../common/domain/ids.ts";
import { toIso } from "../memberships/query-helpers.ts";
import type { QueueMemberRow, QueueRow, QueueWithCount } from "./queues.repository.ts";

export function presentQueue(queue: QueueWithCount): Queue {
  return {
    id: queue.id as QueueId,
    name: queue.name,
    channel: queue.channel,
    strategy: queue.strategy,
    timeoutSeconds: queue.timeoutSeconds,
    offerTimeoutSeconds: queue.offerTimeoutSeconds,
    description: queue.description,
    memberCount: queue.memberCount,
    createdAt: toIso(queue.createdAt),
    updatedAt: toIso(queue.updatedAt),
  };
}

export function presentQueueMember(member: QueueMemberRow): GroupMember {
  return { id: member.id as UserId, username: member.username, fullName: member.fullName, role: member.role, addedAt: toIso(member.addedAt) };
}

/** What the audit log keeps of a queue. */
export function queueFields(queue: QueueRow) {
  return {
    name: queue.name,
    channel: queue.channel,
    strategy: queue.strategy,
    timeoutSeconds: queue.timeoutSeconds,
    offerTimeoutSeconds: queue.offerTimeoutSeconds,
    description: queue.description,
  };
}
