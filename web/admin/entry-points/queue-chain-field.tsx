import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { EntryPointQueue } from "../../../common/api/entry-points.ts";
import type { Channel } from "../../../common/domain/channels.ts";
import { groupQueryKeys, listQueues } from "../../api/groups.api.ts";
import { channelLabel } from "../groups/group-kinds.ts";

interface QueueChainFieldProps {
  channel: Channel;
  /** The chain, first queue first. */
  value: readonly EntryPointQueue[];
  onChange: (value: EntryPointQueue[]) => void;
  /** About the chain as a whole ("at least one queue"). */
  error?: string | undefined;
  /** About one queue of the chain, by position. */
  itemErrors?: Readonly<Record<number, string>>;
}

const QUEUE_CHOICES = { page: 1, pageSize: 200 } as const;

// product.md, Routing: an entry point routes to an ORDERED chain of queues of its channel. Timed out in one
// queue, the interaction moves to the next. Queues are added from a list and moved with buttons (keyboard-friendly).
export function QueueChainField({ channel, value, onChange, error, itemErrors = {} }: QueueChainFieldProps) {
  const id = useId();
  const params = { ...QUEUE_CHOICES, channel };
  const queues = useQuery({ queryKey: groupQueryKeys.list("queue", params), queryFn: () => listQueues(params) });
  const available = (queues.data?.items ?? []).filter((queue) => !value.some((chosen) => chosen.id === queue.id));
  const [picked, setPicked] = useState("");
  const pickedQueue = available.find((queue) => queue.id === picked) ?? available[0];

  const move = (from: number, to: number) => {
    const next = [...value];
    const [item] = next.splice(from, 1);
    if (item && to >= 0 && to <= next.length) {
      next.splice(to, 0, item);
      onChange(next);
    }
  };
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <fieldset className="choice-fieldset" aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
      <legend className="field-label">Queue chain</legend>
      <p className="field-hint" id={`${id}-hint`}>
        Interactions wait in the first queue; timed out there, they move to the next. Only {channelLabel(channel)} queues.
      </p>
      {value.length === 0 ? <p className="queue-chain-empty">No queue yet.</p> : null}
      <ol className="queue-chain" aria-label="Queues in order">
        {value.map((queue, index) => (
          <li key={queue.id} className="queue-chain-item">
            <span className="queue-chain-name">
              {index + 1}. {queue.name}
            </span>
            <span className="choice-moves">
              <button type="button" className="button button-small" aria-label={`Move ${queue.name} up`} disabled={index === 0} onClick={() => move(index, index - 1)}>
                ↑
              </button>
              <button type="button" className="button button-small" aria-label={`Move ${queue.name} down`} disabled={index === value.length - 1} onClick={() => move(index, index + 1)}>
                ↓
              </button>
              <button type="button" className="button button-small" aria-label={`Remove ${queue.name}`} onClick={() => onChange(value.filter((item) => item.id !== queue.id))}>
                Remove
              </button>
            </span>
            {itemErrors[index] ? <span className="field-error queue-chain-error">{itemErrors[index]}</span> : null}
          </li>
        ))}
      </ol>
      <div className="queue-chain-add">
        <label className="visually-hidden" htmlFor={`${id}-add`}>
          Queue to add
        </label>
        <select id={`${id}-add`} className="field-input" value={pickedQueue?.id ?? ""} disabled={available.length === 0} onChange={(event) => setPicked(event.target.value)}>
          {available.length === 0 ? <option value="">{queues.isPending ? "Loading queues…" : `No other ${channelLabel(channel)} queue`}</option> : null}
          {available.map((queue) => (
            <option key={queue.id} value={queue.id}>
              {queue.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button"
          disabled={!pickedQueue}
          onClick={() => {
            if (pickedQueue) {
              onChange([...value, { id: pickedQueue.id, name: pickedQueue.name, channel: pickedQueue.channel }]);
              setPicked("");
            }
          }}
        >
          Add queue
        </button>
      </div>
      <p className="field-error" id={`${id}-error`}>
        {error}
      </p>
    </fieldset>
  );
}
