import type { Wallboard, WallboardQuery } from "../../../common/api/wallboard.ts";
import type { Db } from "../../db/database.ts";
import { ForbiddenError } from "../../lib/errors.ts";
import { agentScopeOf } from "../agent-scope/agent-scope.policy.ts";
import type { Principal } from "../auth/principal.ts";
import type { SettingsService } from "../settings/settings.service.ts";
import { presentWallboardAgents, presentWallboardQueue } from "./wallboard.presenter.ts";
import * as wallboard from "./wallboard.repository.ts";

/**
 * The supervisor wallboard (issue 4, item 9): what the viewer may see of agents and queues, read in one
 * repeatable-read transaction so every figure is of the same instant. Admins see every agent and queue; a
 * supervisor the agents who share a queue with them (agent-scope) and the queues they are enabled on.
 */
export class WallboardService {
  constructor(
    private readonly db: Db,
    private readonly settings: Pick<SettingsService, "getAccount" | "getChannels">,
  ) {}

  async read(viewer: Principal, query: WallboardQuery): Promise<Wallboard> {
    const { user } = viewer;
    if (user.role === "agent") {
      throw new ForbiddenError();
    }
    const agentScope = agentScopeOf(user);
    const queueScope = user.role === "admin" ? undefined : user.id;
    const since = query.since === undefined ? null : new Date(query.since);
    const [account, channels] = await Promise.all([this.settings.getAccount(), this.settings.getChannels()]);
    const figures = await this.db
      .transaction()
      .setIsolationLevel("repeatable read")
      .execute(async (transaction) => ({
        generatedAt: await wallboard.databaseNow(transaction),
        agents: await wallboard.findWallboardAgents(transaction, agentScope),
        loads: await wallboard.countActiveByAgentAndChannel(transaction, agentScope),
        offers: await wallboard.countPendingOffersByAgent(transaction, agentScope),
        settings: await wallboard.findAgentChannelSettings(transaction, agentScope),
        queues: await wallboard.findWallboardQueues(transaction, queueScope, since),
      }));
    return {
      agents: presentWallboardAgents(figures.agents, { ...figures, account, channels }),
      queues: figures.queues.map(presentWallboardQueue),
      generatedAt: figures.generatedAt.toISOString(),
    };
  }
}
