import type { EntryPoint } from "../../../common/api/entry-points.ts";
import type { QueueId } from "../../../common/api/groups.ts";
import type { EntryPointId } from "../../../common/api/interactions.ts";
import type { Role } from "../../../common/domain/roles.ts";
import { toIso } from "../memberships/query-helpers.ts";
import type { ChainQueueRow, EntryPointRow } from "./entry-points.repository.ts";

/** The webhook signing secret is for admins, who hand it to the receiver; supervisors only read the set-up. */
export function presentEntryPoint(row: EntryPointRow, chain: readonly ChainQueueRow[], viewerRole: Role): EntryPoint {
  return {
    id: row.id as EntryPointId,
    name: row.name,
    channel: row.channel,
    address: row.address,
    queues: chain.map((queue) => ({ id: queue.id as QueueId, name: queue.name, channel: queue.channel })),
    hasInboundKey: row.inboundKeyHash !== null,
    webhookUrl: row.webhookUrl,
    webhookSecret: viewerRole === "admin" ? row.webhookSecret : null,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}

/** What the audit log keeps of an entry point: never the inbound key or the signing secret. */
export function entryPointFields(row: EntryPointRow, queueIds: readonly string[]) {
  return { name: row.name, channel: row.channel, address: row.address, queueIds: [...queueIds], webhookUrl: row.webhookUrl };
}
