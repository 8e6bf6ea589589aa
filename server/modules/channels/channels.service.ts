import type { AgentChannels, UpdateAgentChannelRequest } from "../../../common/api/channels.ts";
import type { Channel } from "../../../common/domain/channels.ts";
import type { UserId } from "../../../common/domain/ids.ts";
import type { Db } from "../../db/database.ts";
import { BadRequestError } from "../../lib/errors.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import { adminRoom, userRoom } from "../../realtime/rooms.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { Actor } from "../auth/principal.ts";
import type { SettingsService } from "../settings/settings.service.ts";
import type { AgentScopeService } from "../agent-scope/agent-scope.service.ts";
import { presentAgentChannels } from "./channels.presenter.ts";
import { findAgentChannels, saveAgentChannel } from "./channels.repository.ts";

/** product.md, Channels and capacity: per agent and channel, enabled, capacity, auto-answer and paused. */
export class ChannelsService {
  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    private readonly audit: AuditService,
    private readonly settings: SettingsService,
    private readonly scope: AgentScopeService,
  ) {}

  async getForAgent(actor: Actor, agentId: string): Promise<AgentChannels> {
    const agent = await this.scope.findAgent(actor, agentId);
    return this.present(agent.id);
  }

  async updateForAgent(actor: Actor, agentId: string, channel: Channel, changes: UpdateAgentChannelRequest): Promise<AgentChannels> {
    const agent = await this.scope.findAgent(actor, agentId);
    const account = await this.settings.getAccount();
    if (!account.enabledChannels.includes(channel)) {
      throw new BadRequestError("channel_not_enabled", `channel: ${channel} is not enabled for this account`);
    }
    await this.db.transaction().execute(async (transaction) => {
      const before = (await findAgentChannels(transaction, agent.id)).find((row) => row.channel === channel) ?? null;
      const after = await saveAgentChannel(transaction, agent.id, channel, changes);
      await this.audit.record(transaction, actor, {
        action: "agent.channel_updated",
        entityType: "agent",
        entityId: agent.id,
        summary: `Changed ${channel} for ${agent.username} (${agent.fullName})`,
        before,
        after,
      });
    });
    const channels = await this.present(agent.id);
    this.events.publish("agent.channels_changed", { agentId: agent.id as UserId, channels }, { rooms: [userRoom(agent.id), adminRoom()] });
    return channels;
  }

  private async present(agentId: string): Promise<AgentChannels> {
    const [rows, account, settings] = await Promise.all([findAgentChannels(this.db, agentId), this.settings.getAccount(), this.settings.getChannels()]);
    return presentAgentChannels(agentId, rows, account, settings);
  }
}
