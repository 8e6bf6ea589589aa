import type { CoachingRecipientAgent } from "../../../common/api/coaching.ts";

interface RecipientListProps {
  agents: readonly CoachingRecipientAgent[];
  selectedId: string | null;
  onSelect: (agent: CoachingRecipientAgent) => void;
}

// One page of the agents the filters reach. Choosing one (a radio, so arrows move between them) makes them the
// single recipient of "Send to agent".
export function RecipientList({ agents, selectedId, onSelect }: RecipientListProps) {
  if (agents.length === 0) {
    return (
      <div className="empty-state">
        <p>No agent you may message matches these filters.</p>
      </div>
    );
  }
  return (
    <div className="table-scroll">
      <table className="table coaching-agents">
        <caption className="visually-hidden">Agents you may message</caption>
        <thead>
          <tr>
            <th scope="col" className="coaching-choose-cell">
              <span className="visually-hidden">Choose</span>
            </th>
            <th scope="col">Name</th>
            <th scope="col">Username</th>
          </tr>
        </thead>
        <tbody>
          {agents.map((agent) => (
            <tr key={agent.id} className={agent.id === selectedId ? "coaching-agent-selected" : undefined} onClick={() => onSelect(agent)}>
              <td className="coaching-choose-cell">
                <input
                  type="radio"
                  name="coaching-agent"
                  aria-label={`Choose ${agent.fullName}`}
                  checked={agent.id === selectedId}
                  onChange={() => onSelect(agent)}
                />
              </td>
              <th scope="row">{agent.fullName}</th>
              <td>{agent.username}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
