import type { CustomStatus, CustomStatusId, Presence } from "../../../common/api/presence.ts";
import type { Channel } from "../../../common/domain/channels.ts";
import type { UserId } from "../../../common/domain/ids.ts";
import type { CustomStatusRow } from "./custom-statuses.repository.ts";
import type { PresenceRow } from "./presence.repository.ts";

export function presentCustomStatus(row: CustomStatusRow): CustomStatus {
  return { id: row.id as CustomStatusId, name: row.name, pausesRouting: row.pausesRouting, position: row.position };
}

export function presentPresence(row: PresenceRow, pausedChannels: Channel[]): Presence {
  return {
    agentId: row.userId as UserId,
    status: row.status,
    customStatus: row.customStatus ? presentCustomStatus(row.customStatus) : null,
    statusSince: row.statusSince.toISOString(),
    connected: row.connected,
    pausedChannels,
  };
}
