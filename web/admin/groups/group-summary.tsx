import type { AnyGroup } from "../../api/groups.api.ts";
import { channelLabel, strategyLabel } from "./group-kinds.ts";

// The group's settings above its members.
export function GroupSummary({ group }: { group: AnyGroup }) {
  const queue = "channel" in group ? group : null;
  if (!queue && !group.description) {
    return null;
  }
  return (
    <dl className="details">
      {queue ? (
        <>
          <dt>Channel</dt>
          <dd>{channelLabel(queue.channel)}</dd>
          <dt>Strategy</dt>
          <dd>{strategyLabel(queue.strategy)}</dd>
          <dt>Queue timeout</dt>
          <dd>{queue.timeoutSeconds} seconds</dd>
          <dt>Offer timeout</dt>
          <dd>{queue.offerTimeoutSeconds} seconds</dd>
        </>
      ) : null}
      {group.description ? (
        <>
          <dt>Description</dt>
          <dd>{group.description}</dd>
        </>
      ) : null}
    </dl>
  );
}
