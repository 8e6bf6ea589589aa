import { useState } from "react";
import { TEAM_ROLES, type AgentMemberships, type TeamRole } from "../../../common/api/groups.ts";
import { addMembers, changeTeamRole, removeMember } from "../../api/groups.api.ts";
import { SelectField } from "../../components/select-field.tsx";
import { GroupChooser } from "./group-chooser.tsx";
import type { MembershipActions } from "./use-membership-action.ts";

const ROLE_OPTIONS = TEAM_ROLES.map((role) => ({ value: role, label: role === "member" ? "Member" : "Supervisor" }));

interface AgentTeamsCardProps {
  agentId: string;
  teams: AgentMemberships["teams"];
  editable: boolean;
  actions: MembershipActions;
}

// The agent's teams with their role in each (product.md: member or supervisor).
export function AgentTeamsCard({ agentId, teams, editable, actions }: AgentTeamsCardProps) {
  const [teamId, setTeamId] = useState("");
  const [role, setRole] = useState<TeamRole>("member");
  const excluded = new Set(teams.map((team) => team.id));
  return (
    <section className="card" aria-labelledby="agent-teams-title">
      <h2 className="card-title" id="agent-teams-title">
        Teams
      </h2>
      {teams.length === 0 ? <p>Not in any team.</p> : null}
      <ul className="membership-list" aria-label="Teams">
        {teams.map((team) => (
          <li key={team.id} className="membership-item">
            <span>{team.name}</span>
            {editable ? (
              <span className="membership-controls">
                <select
                  className="field-input inline-select"
                  aria-label={`Role in ${team.name}`}
                  value={team.role}
                  disabled={actions.busy}
                  onChange={(event) => {
                    const next: TeamRole = event.target.value === "supervisor" ? "supervisor" : "member";
                    actions.run({ perform: () => changeTeamRole(team.id, agentId, next), done: `Now ${next} of ${team.name}.` });
                  }}
                >
                  {ROLE_OPTIONS.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`Remove from ${team.name}`}
                  aria-disabled={actions.busy}
                  onClick={() => actions.run({ perform: () => removeMember("team", team.id, agentId), done: `Removed from ${team.name}.` })}
                >
                  Remove
                </button>
              </span>
            ) : (
              <span className="picker-option-detail">{team.role === "supervisor" ? "Supervisor" : "Member"}</span>
            )}
          </li>
        ))}
      </ul>
      {editable ? (
        <div className="membership-actions">
          <GroupChooser kind="team" label="Team" excluded={excluded} value={teamId} onChange={setTeamId} />
          <SelectField label="Role in the team" value={role} options={ROLE_OPTIONS} onChange={setRole} />
          <button
            type="button"
            className="button button-primary"
            aria-disabled={actions.busy || teamId === ""}
            onClick={() => {
              if (teamId !== "") {
                actions.run({ perform: () => addMembers("team", teamId, [agentId], role), done: `Added to the team as ${role}.` });
                setTeamId("");
              }
            }}
          >
            Add to team
          </button>
        </div>
      ) : null}
    </section>
  );
}
