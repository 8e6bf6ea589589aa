import { memo } from "react";
import type { WallboardAgent } from "../../../common/api/wallboard.ts";
import { AgentStatus } from "./agent-status.tsx";
import { ChannelLoads } from "./channel-loads.tsx";
import { SinceDuration } from "./live-duration.tsx";

// Memoised: a live update re-renders only the rows whose agent changed (the query keeps unchanged rows as
// the same objects, and the server offset is rounded to the second); the durations tick on their own.
export const AgentRow = memo(function AgentRow({ agent, serverOffset }: { agent: WallboardAgent; serverOffset: number }) {
  return (
    <tr>
      <th scope="row">
        <span className="wallboard-agent-name">{agent.fullName}</span> <span className="wallboard-muted">{agent.username}</span>
      </th>
      <td>
        <AgentStatus agent={agent} />
      </td>
      <td>{agent.statusSince === null ? <span className="wallboard-muted">Never signed in</span> : <SinceDuration since={agent.statusSince} serverOffset={serverOffset} />}</td>
      <td>
        <ChannelLoads load={agent.load} pausedChannels={agent.pausedChannels} />
      </td>
      <td className="wallboard-number">
        {agent.openTabs}/{agent.maxOpenTabs === 0 ? <span aria-label="no limit">∞</span> : agent.maxOpenTabs}
      </td>
      <td className="wallboard-number">{agent.pendingOffers}</td>
    </tr>
  );
});
