import type { MemberListQuery, GroupListQuery, TeamRole } from "../../../common/api/groups.ts";
import type { Page } from "../../../common/api/pagination.ts";
import type { CreateTeamRequest, Team, TeamMember, UpdateTeamRequest } from "../../../common/api/teams.ts";
import type { Db } from "../../db/database.ts";
import { ConflictError, NotFoundError } from "../../lib/errors.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import { adminRoom, roleRoom, teamRoom } from "../../realtime/rooms.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { Actor } from "../auth/principal.ts";
import { acceptCandidates, fieldError, namesOf } from "../memberships/member-rules.ts";
import { lockCandidateMembers } from "../memberships/memberships.repository.ts";
import type { MembershipsService } from "../memberships/memberships.service.ts";
import { isUniqueViolation } from "../memberships/query-helpers.ts";
import { presentTeam, presentTeamMember } from "./teams.presenter.ts";
import * as teams from "./teams.repository.ts";

const teamNotFound = () => new NotFoundError("team_not_found", "Team not found.");
const nameTaken = () => new ConflictError("team_name_taken", "name: already in use by another team");
const memberNotFound = () => new NotFoundError("team_member_not_found", "This user is not a member of the team.");

/** Teams and their members, each with a role (product.md: member or supervisor). Admins change them. */
export class TeamsService {
  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    private readonly audit: AuditService,
    private readonly memberships: MembershipsService,
  ) {}

  async list(query: GroupListQuery): Promise<Page<Team>> {
    const { rows, total } = await teams.listTeams(this.db, query);
    return { items: rows.map(presentTeam), total, page: query.page, pageSize: query.pageSize };
  }

  async get(teamId: string): Promise<Team> {
    const team = await teams.findTeam(this.db, teamId);
    if (!team) {
      throw teamNotFound();
    }
    return presentTeam(team);
  }

  async create(request: CreateTeamRequest, actor: Actor): Promise<Team> {
    const created = await this.db.transaction().execute(async (transaction) => {
      const row = await teams.insertTeam(transaction, { name: request.name, description: request.description || null });
      if (!row) {
        throw nameTaken();
      }
      await this.audit.record(transaction, actor, { action: "team.created", entityType: "team", entityId: row.id, summary: `Created team ${row.name}`, after: fieldsOf(row) });
      return row;
    });
    return this.publish("team.created", await this.get(created.id));
  }

  async update(teamId: string, request: UpdateTeamRequest, actor: Actor): Promise<Team> {
    const changes = { ...request, ...(request.description !== undefined ? { description: request.description || null } : {}) };
    await this.db
      .transaction()
      .execute(async (transaction) => {
        const before = await teams.lockTeam(transaction, teamId, "update");
        const after = before ? await teams.updateTeam(transaction, teamId, changes) : undefined;
        if (!before || !after) {
          throw teamNotFound();
        }
        await this.audit.record(transaction, actor, { action: "team.updated", entityType: "team", entityId: teamId, summary: `Updated team ${after.name}`, before: fieldsOf(before), after: fieldsOf(after) });
      })
      .catch(rethrowNameTaken);
    return this.publish("team.updated", await this.get(teamId));
  }

  async delete(teamId: string, actor: Actor): Promise<void> {
    const { team, memberIds } = await this.db.transaction().execute(async (transaction) => {
      const row = await teams.lockTeam(transaction, teamId, "update");
      if (!row) {
        throw teamNotFound();
      }
      const ids = await teams.findTeamMemberIds(transaction, teamId);
      await teams.deleteTeam(transaction, teamId);
      await this.audit.record(transaction, actor, { action: "team.deleted", entityType: "team", entityId: teamId, summary: `Deleted team ${row.name}`, before: { ...fieldsOf(row), memberIds: ids } });
      return { team: row, memberIds: ids };
    });
    this.events.publish("team.deleted", { teamId: team.id as Team["id"] }, { rooms: roomsOf(teamId) });
    await this.memberships.publishChanges(memberIds, { kind: "team", action: "removed", groups: [{ id: team.id, name: team.name }] });
  }

  async listMembers(teamId: string, query: MemberListQuery): Promise<Page<TeamMember>> {
    await this.get(teamId);
    const { rows, total } = await teams.listTeamMembers(this.db, teamId, query);
    return { items: rows.map(presentTeamMember), total, page: query.page, pageSize: query.pageSize };
  }

  /** Adds agents (and supervisors, as team supervisors) with one role; those already in the team keep theirs. */
  async addMembers(teamId: string, userIds: readonly string[], role: TeamRole, actor: Actor): Promise<Team> {
    const { team, added } = await this.db.transaction().execute(async (transaction) => {
      const row = await teams.lockTeam(transaction, teamId, "share");
      if (!row) {
        throw teamNotFound();
      }
      const candidates = acceptCandidates(userIds, await lockCandidateMembers(transaction, userIds), ["agent", "supervisor"], "a team");
      const supervisor = candidates.find((candidate) => candidate.role === "supervisor");
      if (supervisor && role !== "supervisor") {
        throw fieldError("role", `role: ${supervisor.username} is a supervisor and joins a team as its supervisor`);
      }
      const addedIds = new Set(await teams.insertTeamMembers(transaction, teamId, candidates.map((candidate) => candidate.id), role));
      const addedMembers = candidates.filter((candidate) => addedIds.has(candidate.id));
      if (addedMembers.length > 0) {
        await this.audit.record(transaction, actor, {
          action: "team.member_added",
          entityType: "team",
          entityId: teamId,
          summary: `Added ${namesOf(addedMembers)} to team ${row.name} as ${role}`,
          after: { role, members: addedMembers.map(({ id, username }) => ({ id, username })) },
        });
      }
      return { team: row, added: addedMembers };
    });
    return this.afterMembersChanged(team, added.map((member) => member.id), "added");
  }

  async changeRole(teamId: string, userId: string, role: TeamRole, actor: Actor): Promise<Team> {
    const { team, changed } = await this.db.transaction().execute(async (transaction) => {
      const row = await teams.lockTeam(transaction, teamId, "share");
      const membership = row ? await teams.lockTeamMember(transaction, teamId, userId) : undefined;
      if (!row || !membership) {
        throw row ? memberNotFound() : teamNotFound();
      }
      const [member] = await lockCandidateMembers(transaction, [userId]);
      if (member?.role === "supervisor" && role !== "supervisor") {
        throw fieldError("role", `role: ${member.username} is a supervisor and stays the team's supervisor`);
      }
      if (membership.role === role) {
        return { team: row, changed: false };
      }
      await teams.updateTeamMemberRole(transaction, teamId, userId, role);
      await this.audit.record(transaction, actor, {
        action: "team.member_role_changed",
        entityType: "team",
        entityId: teamId,
        summary: `Made ${member?.username ?? userId} ${role} of team ${row.name}`,
        before: { userId, role: membership.role },
        after: { userId, role },
      });
      return { team: row, changed: true };
    });
    return this.afterMembersChanged(team, changed ? [userId] : [], "role_changed");
  }

  async removeMembers(teamId: string, userIds: readonly string[], actor: Actor): Promise<Team> {
    const { team, removed } = await this.deleteMembers(teamId, userIds, actor);
    return this.afterMembersChanged(team, removed, "removed");
  }

  /** One member out: 404 when they were not in the team. */
  async removeMember(teamId: string, userId: string, actor: Actor): Promise<void> {
    const { team, removed } = await this.deleteMembers(teamId, [userId], actor);
    if (removed.length === 0) {
      throw memberNotFound();
    }
    await this.afterMembersChanged(team, removed, "removed");
  }

  private async deleteMembers(teamId: string, userIds: readonly string[], actor: Actor): Promise<{ team: teams.TeamRow; removed: string[] }> {
    return this.db.transaction().execute(async (transaction) => {
      const row = await teams.lockTeam(transaction, teamId, "share");
      if (!row) {
        throw teamNotFound();
      }
      const removedIds = await teams.deleteTeamMembers(transaction, teamId, userIds);
      if (removedIds.length > 0) {
        const members = await lockCandidateMembers(transaction, removedIds);
        await this.audit.record(transaction, actor, {
          action: "team.member_removed",
          entityType: "team",
          entityId: teamId,
          summary: `Removed ${namesOf(members)} from team ${row.name}`,
          before: { members: members.map(({ id, username }) => ({ id, username })) },
        });
      }
      return { team: row, removed: removedIds };
    });
  }

  private async afterMembersChanged(team: teams.TeamRow, userIds: string[], action: "added" | "removed" | "role_changed"): Promise<Team> {
    const current = await this.get(team.id);
    if (userIds.length === 0) {
      return current;
    }
    this.publish("team.updated", current);
    await this.memberships.publishChanges(userIds, { kind: "team", action, groups: [{ id: team.id, name: team.name }] });
    return current;
  }

  private publish(name: "team.created" | "team.updated", team: Team): Team {
    this.events.publish(name, { team }, { rooms: roomsOf(team.id) });
    return team;
  }
}

// Admins and supervisors read teams; the team's own members hear about it too.
function roomsOf(teamId: string): string[] {
  return [adminRoom(), roleRoom("supervisor"), teamRoom(teamId)];
}

function fieldsOf(team: teams.TeamRow) {
  return { name: team.name, description: team.description };
}

function rethrowNameTaken(error: unknown): never {
  throw isUniqueViolation(error) ? nameTaken() : error;
}
