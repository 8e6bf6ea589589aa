import { useState } from "react";
import { addMembers, removeMember } from "../../api/groups.api.ts";
import { GroupChooser } from "./group-chooser.tsx";
import type { MembershipActions } from "./use-membership-action.ts";

interface AgentGroupsCardProps {
  kind: "campaign" | "list";
  title: string;
  agentId: string;
  groups: readonly { id: string; name: string }[];
  editable: boolean;
  actions: MembershipActions;
}

// The agent's campaigns, or lists: add and remove, saved at once.
export function AgentGroupsCard({ kind, title, agentId, groups, editable, actions }: AgentGroupsCardProps) {
  const [groupId, setGroupId] = useState("");
  const titleId = `agent-${kind}s-title`;
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 className="card-title" id={titleId}>
        {title}
      </h2>
      {groups.length === 0 ? <p>Not in any {kind}.</p> : null}
      <ul className="membership-list" aria-label={title}>
        {groups.map((group) => (
          <li key={group.id} className="membership-item">
            <span>{group.name}</span>
            {editable ? (
              <button
                type="button"
                className="button button-small"
                aria-label={`Remove from ${group.name}`}
                aria-disabled={actions.busy}
                onClick={() => actions.run({ perform: () => removeMember(kind, group.id, agentId), done: `Removed from ${group.name}.` })}
              >
                Remove
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {editable ? (
        <div className="membership-actions">
          <GroupChooser kind={kind} label={kind === "campaign" ? "Campaign" : "List"} excluded={new Set(groups.map((group) => group.id))} value={groupId} onChange={setGroupId} />
          <button
            type="button"
            className="button button-primary"
            aria-disabled={actions.busy || groupId === ""}
            onClick={() => {
              if (groupId !== "") {
                actions.run({ perform: () => addMembers(kind, groupId, [agentId]), done: `Added to the ${kind}.` });
                setGroupId("");
              }
            }}
          >
            Add to {kind}
          </button>
        </div>
      ) : null}
    </section>
  );
}
