import { sql } from "kysely";
import type { InboxCounters, QueueAttempt } from "../../../common/api/interactions.ts";
import { effectiveCapacity, normalizeAccountChannels } from "../../../common/domain/capacity.ts";
import type { Db } from "../../db/database.ts";
import { NotFoundError } from "../../lib/errors.ts";
import type { Actor } from "../auth/principal.ts";
import type { SettingsService } from "../settings/settings.service.ts";

/** Reads around the routing engine: the desktop's counters and the queue report of one interaction. */
export class InteractionsService {
  constructor(
    private readonly db: Db,
    private readonly settings: SettingsService,
  ) {}

  async counters(agentId: string): Promise<InboxCounters> {
    const [channels, account, settings, held] = await Promise.all([
      this.settings.getChannels(),
      this.settings.getAccount(),
      this.db.selectFrom("agentChannels").select(["channel", "enabled", "paused", "capacity"]).where("userId", "=", agentId).execute(),
      sql<{ channel: string; open: number; offered: number }>`
        select channel, (count(*) filter (where kind = 'open'))::int as open, (count(*) filter (where kind = 'offered'))::int as offered
          from (select channel, 'open' as kind from interactions where owner_id = ${agentId} and state = 'active'
                union all
                select channel, 'offered' as kind from offers where agent_id = ${agentId} and state = 'pending') held
         group by channel`.execute(this.db),
    ]);
    const byChannel = new Map(settings.map((setting) => [setting.channel, setting]));
    const heldByChannel = new Map(held.rows.map((row) => [row.channel, row]));
    const items = normalizeAccountChannels(account.enabledChannels).map((channel) => {
      const setting = byChannel.get(channel);
      return {
        channel,
        open: heldByChannel.get(channel)?.open ?? 0,
        offered: heldByChannel.get(channel)?.offered ?? 0,
        capacity: effectiveCapacity(setting?.capacity ?? null, channels.defaultCapacity[channel] ?? 0).value,
        enabled: setting?.enabled ?? true,
        paused: setting?.paused ?? false,
      };
    });
    return { channels: items, openTotal: held.rows.reduce((total, row) => total + row.open, 0), maxOpenTabs: channels.maxOpenTabs };
  }

  /** Admins see every interaction's rows; a supervisor those of interactions that went through their queues. */
  async queueAttempts(actor: Actor, interactionId: string): Promise<QueueAttempt[]> {
    const rows = await this.db.selectFrom("queueAttempts").selectAll().where("interactionId", "=", interactionId).orderBy("enteredAt").orderBy("id").execute();
    const user = actor.principal.user;
    if (user.role === "supervisor") {
      const queueIds = rows.map((row) => row.queueId).filter((id): id is string => id !== null);
      const member = queueIds.length
        ? await this.db.selectFrom("queueMembers").select("queueId").where("userId", "=", user.id).where("queueId", "in", queueIds).executeTakeFirst()
        : undefined;
      if (!member) {
        throw new NotFoundError("interaction_not_found", "This interaction does not exist.");
      }
    }
    if (rows.length === 0 && !(await this.db.selectFrom("interactions").select("id").where("id", "=", interactionId).executeTakeFirst())) {
      throw new NotFoundError("interaction_not_found", "This interaction does not exist.");
    }
    return rows.map((row) => ({
      id: row.id,
      interactionId: row.interactionId as QueueAttempt["interactionId"],
      queueId: row.queueId as QueueAttempt["queueId"],
      channel: row.channel,
      enteredAt: new Date(row.enteredAt).toISOString(),
      leftAt: row.leftAt ? new Date(row.leftAt).toISOString() : null,
      reason: row.reason,
      agentId: row.agentId as QueueAttempt["agentId"],
    }));
  }
}
