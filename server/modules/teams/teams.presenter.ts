import type { TeamId } from "../../../common/api/groups.ts";
import type { Team, TeamMember } from "../../../common/api/teams.ts";
import type { UserId } from "../../../common/domain/ids.ts";
import { toIso } from "../memberships/query-helpers.ts";
import type { TeamMemberRow, TeamWithCounts } from "./teams.repository.ts";

export function presentTeam(team: TeamWithCounts): Team {
  return {
    id: team.id as TeamId,
    name: team.name,
    description: team.description,
    memberCount: team.memberCount,
    supervisorCount: team.supervisorCount,
    createdAt: toIso(team.createdAt),
    updatedAt: toIso(team.updatedAt),
  };
}

export function presentTeamMember(member: TeamMemberRow): TeamMember {
  return {
    id: member.id as UserId,
    username: member.username,
    fullName: member.fullName,
    role: member.role,
    teamRole: member.teamRole,
    addedAt: toIso(member.addedAt),
  };
}
