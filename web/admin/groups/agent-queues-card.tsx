import { useState } from "react";
import type { AgentMemberships } from "../../../common/api/groups.ts";
import { CHANNELS, type Channel } from "../../../common/domain/channels.ts";
import { addAgentToQueues, removeAgentFromQueue } from "../../api/groups.api.ts";
import { SelectField } from "../../components/select-field.tsx";
import { GroupChooser } from "./group-chooser.tsx";
import { channelLabel } from "./group-kinds.ts";
import { useAccountChannels } from "./use-account-channels.ts";
import type { MembershipActions } from "./use-membership-action.ts";

interface AgentQueuesCardProps {
  agentId: string;
  queues: AgentMemberships["queues"];
  editable: boolean;
  actions: MembershipActions;
}

const addedMessage = (count: number, channel: Channel) =>
  count === 0 ? `Already in every ${channelLabel(channel)} queue.` : `Added to ${count} ${channelLabel(channel)} ${count === 1 ? "queue" : "queues"}.`;

// Seed 002: add the agent to one queue of a channel, or to every queue of that channel at once.
export function AgentQueuesCard({ agentId, queues, editable, actions }: AgentQueuesCardProps) {
  const [channel, setChannel] = useState<Channel>("voice");
  const [queueId, setQueueId] = useState("");
  const byChannel = CHANNELS.map((each) => ({ channel: each, queues: queues.filter((queue) => queue.channel === each) })).filter((group) => group.queues.length > 0);
  const excluded = new Set(queues.map((queue) => queue.id));
  const channels = useAccountChannels(queues.map((queue) => queue.channel));
  return (
    <section className="card" aria-labelledby="agent-queues-title">
      <h2 className="card-title" id="agent-queues-title">
        Queues
      </h2>
      {queues.length === 0 ? <p>Not in any queue: the agent receives no interactions.</p> : null}
      {byChannel.map((group) => (
        <div key={group.channel}>
          <h3 className="membership-channel">{channelLabel(group.channel)}</h3>
          <ul className="membership-list" aria-label={`${channelLabel(group.channel)} queues`}>
            {group.queues.map((queue) => (
              <li key={queue.id} className="membership-item">
                <span>{queue.name}</span>
                {editable ? (
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Remove from ${queue.name}`}
                    aria-disabled={actions.busy}
                    onClick={() => actions.run({ perform: () => removeAgentFromQueue(agentId, queue.id), done: `Removed from ${queue.name}.` })}
                  >
                    Remove
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {editable ? (
        <div className="membership-actions">
          <SelectField
            label="Channel"
            value={channel}
            options={channels.map((each) => ({ value: each, label: channelLabel(each) }))}
            onChange={(next) => {
              setChannel(next);
              setQueueId("");
            }}
          />
          <GroupChooser key={channel} kind="queue" label="Queue" channel={channel} excluded={excluded} value={queueId} onChange={setQueueId} />
          <button
            type="button"
            className="button button-primary"
            aria-disabled={actions.busy || queueId === ""}
            onClick={() => {
              if (queueId !== "") {
                actions.run({ perform: () => addAgentToQueues(agentId, { queueIds: [queueId] }), done: "Added to the queue." });
                setQueueId("");
              }
            }}
          >
            Add to queue
          </button>
          <button
            type="button"
            className="button"
            aria-disabled={actions.busy}
            onClick={() =>
              actions.run({ perform: () => addAgentToQueues(agentId, { channel }), done: (result) => addedMessage(result.added.length, channel) })
            }
          >
            Add to every {channelLabel(channel)} queue
          </button>
        </div>
      ) : null}
    </section>
  );
}
