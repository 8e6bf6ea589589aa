import type { AgentLicences } from "../../../common/api/licences.ts";
import type { UserId } from "../../../common/domain/ids.ts";
import { momentsSelfService, SELF_SERVICE_REASON_TEXT, type TeamRole } from "../../../common/domain/licences.ts";

export function presentLicences(agentId: string, licences: { moments: boolean; administration: boolean }, teamRoles: TeamRole[]): AgentLicences {
  const access = momentsSelfService({ ...licences, teamRoles });
  return {
    agentId: agentId as UserId,
    moments: licences.moments,
    administration: licences.administration,
    momentsSelfService: {
      allowed: access.allowed,
      reasons: access.reasons.map((code) => ({ code, message: SELF_SERVICE_REASON_TEXT[code] })),
    },
  };
}
