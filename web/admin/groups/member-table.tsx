import { TEAM_ROLES, type GroupMember, type TeamRole } from "../../../common/api/groups.ts";
import type { TeamMember } from "../../../common/api/teams.ts";
import { DateTime } from "../../components/date-time.tsx";
import type { GroupKindInfo } from "./group-kinds.ts";

interface MemberTableProps {
  info: GroupKindInfo;
  members: readonly (GroupMember | TeamMember)[];
  busy: boolean;
  canRemove: (member: GroupMember) => boolean;
  canChangeRole: boolean;
  onRemove: (member: GroupMember) => void;
  onChangeRole: (member: GroupMember, role: TeamRole) => void;
}

const TEAM_ROLE_LABELS: Record<TeamRole, string> = { member: "Member", supervisor: "Supervisor" };

function teamRoleOf(member: GroupMember | TeamMember): TeamRole | undefined {
  return "teamRole" in member ? member.teamRole : undefined;
}

export function MemberTable({ info, members, busy, canRemove, canChangeRole, onRemove, onChangeRole }: MemberTableProps) {
  const teams = info.kind === "team";
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">Members</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Username</th>
            {teams ? <th scope="col">Role in the team</th> : <th scope="col">Role</th>}
            <th scope="col">Added</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => {
            const teamRole = teamRoleOf(member);
            return (
              <tr key={member.id}>
                <th scope="row">{member.fullName}</th>
                <td>{member.username}</td>
                <td>
                  {teamRole && canChangeRole ? (
                    <select
                      className="field-input inline-select"
                      aria-label={`Role of ${member.fullName} in the team`}
                      value={teamRole}
                      disabled={busy}
                      onChange={(event) => onChangeRole(member, event.target.value === "supervisor" ? "supervisor" : "member")}
                    >
                      {TEAM_ROLES.map((role) => (
                        <option key={role} value={role}>
                          {TEAM_ROLE_LABELS[role]}
                        </option>
                      ))}
                    </select>
                  ) : (
                    (teamRole ? TEAM_ROLE_LABELS[teamRole] : member.role === "supervisor" ? "Supervisor" : "Agent")
                  )}
                </td>
                <td>
                  <DateTime value={member.addedAt} />
                </td>
                <td className="table-actions">
                  {canRemove(member) ? (
                    <button type="button" className="button button-small" aria-label={`Remove ${member.fullName}`} aria-disabled={busy} onClick={() => !busy && onRemove(member)}>
                      Remove
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
