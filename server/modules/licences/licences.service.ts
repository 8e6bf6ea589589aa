import type { AgentLicences, UpdateAgentLicencesRequest } from "../../../common/api/licences.ts";
import type { Db } from "../../db/database.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import { adminRoom, userRoom } from "../../realtime/rooms.ts";
import type { Actor } from "../auth/principal.ts";
import type { AgentScopeService } from "../agent-scope/agent-scope.service.ts";
import { presentLicences } from "./licences.presenter.ts";
import { findTeamRoles, writeLicences } from "./licences.repository.ts";

/** product.md, People, roles, licences: `moments` and `administration` per user, and Moments self-service. */
export class LicencesService {
  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    private readonly scope: AgentScopeService,
  ) {}

  async getForAgent(actor: Actor, agentId: string): Promise<AgentLicences> {
    const agent = await this.scope.findAgent(actor, agentId);
    const teamRoles = await findTeamRoles(this.db, agent.id);
    return presentLicences(agent.id, { moments: agent.licenceMoments, administration: agent.licenceAdministration }, teamRoles);
  }

  async updateForAgent(actor: Actor, agentId: string, changes: UpdateAgentLicencesRequest): Promise<AgentLicences> {
    const licences = await this.scope.changeAgent(actor, agentId, async (transaction, agent) => {
      const before = { moments: agent.licenceMoments, administration: agent.licenceAdministration };
      const after = { moments: changes.moments ?? before.moments, administration: changes.administration ?? before.administration };
      await writeLicences(transaction, agent.id, after);
      const result = presentLicences(agent.id, after, await findTeamRoles(transaction, agent.id));
      return { action: "agent.licences_updated", summary: `Changed the licences of ${agent.username} (${agent.fullName})`, before, after, result };
    });
    this.events.publish("agent.licences_changed", { agentId: licences.agentId, licences }, { rooms: [userRoom(licences.agentId), adminRoom()] });
    return licences;
  }
}
