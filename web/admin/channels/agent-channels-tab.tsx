import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { AgentChannel, ValueSource } from "../../../common/api/channels.ts";
import type { Channel } from "../../../common/domain/channels.ts";
import { channelQueryKeys, fetchAgentChannels } from "../../api/channels.api.ts";
import { LoadError } from "../../components/load-error.tsx";
import { CHANNEL_LABELS, limitLabel } from "./channel-labels.ts";
import { EditAgentChannelDialog } from "./edit-agent-channel-dialog.tsx";
import { useAgentLiveUpdates } from "./use-agent-live-updates.ts";

const SOURCE_LABELS: Record<ValueSource, string> = { agent: "Agent's own", global: "Global default" };

function Sourced({ text, source }: { text: string; source: ValueSource }) {
  return (
    <>
      {text}
      <span className="value-source">{SOURCE_LABELS[source]}</span>
    </>
  );
}

function ChannelRow({ item, onEdit }: { item: AgentChannel; onEdit: () => void }) {
  const { enabled, capacity, autoAnswerDelaySeconds, paused } = item.effective;
  const label = CHANNEL_LABELS[item.channel];
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{enabled.value ? "On" : "Off"}</td>
      <td>
        <Sourced text={limitLabel(capacity.value)} source={capacity.source} />
      </td>
      <td>{autoAnswerDelaySeconds.value === null ? "Off" : `After ${autoAnswerDelaySeconds.value} s`}</td>
      <td>{paused.value ? "Paused" : "No"}</td>
      <td className="table-actions">
        <button type="button" className="button button-small" aria-label={`Edit ${label}`} onClick={onEdit}>
          Edit
        </button>
      </td>
    </tr>
  );
}

// product.md, Channels and capacity; seed 004's Channels tab: per channel the effective value and its source.
export function AgentChannelsTab({ agentId }: { agentId: string }) {
  useAgentLiveUpdates(agentId);
  const channels = useQuery({ queryKey: channelQueryKeys.agentChannels(agentId), queryFn: () => fetchAgentChannels(agentId) });
  const [editing, setEditing] = useState<Channel | null>(null);

  if (channels.isError) {
    return <LoadError message="The agent's channels could not be loaded." onRetry={() => void channels.refetch()} />;
  }
  if (!channels.data) {
    return <p role="status">Loading…</p>;
  }
  const editedItem = channels.data.items.find((item) => item.channel === editing);
  return (
    <section className="section" aria-labelledby="agent-channels-title">
      <h2 className="section-title" id="agent-channels-title">
        Channels
      </h2>
      <p>Max open tabs across channels: {limitLabel(channels.data.maxOpenTabs)} (global setting).</p>
      <div className="table-scroll">
        <table className="table">
          <caption className="visually-hidden">The agent&apos;s settings per channel</caption>
          <thead>
            <tr>
              <th scope="col">Channel</th>
              <th scope="col">Enabled</th>
              <th scope="col">Capacity</th>
              <th scope="col">Auto-answer</th>
              <th scope="col">Paused</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {channels.data.items.map((item) => (
              <ChannelRow key={item.channel} item={item} onEdit={() => setEditing(item.channel)} />
            ))}
          </tbody>
        </table>
      </div>
      {editedItem ? <EditAgentChannelDialog key={editedItem.channel} agentId={agentId} item={editedItem} onClose={() => setEditing(null)} /> : null}
    </section>
  );
}
