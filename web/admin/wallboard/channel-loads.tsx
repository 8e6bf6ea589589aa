import type { Channel } from "../../../common/domain/channels.ts";
import type { WallboardChannelLoad } from "../../../common/api/wallboard.ts";
import { CHANNEL_LABELS } from "../channels/channel-labels.ts";

/** How full a channel is, 0 to 1; an unlimited channel shows a thin bar per interaction, up to a tenth each. */
function fill(load: WallboardChannelLoad): number {
  if (load.capacity === 0) {
    return Math.min(1, load.active / 10);
  }
  return Math.min(1, load.active / load.capacity);
}

// "Chat 2/3" with a bar per channel; the bar repeats the text for the eye and is hidden from screen readers.
export function ChannelLoads({ load, pausedChannels }: { load: readonly WallboardChannelLoad[]; pausedChannels: readonly Channel[] }) {
  if (load.length === 0) {
    return <span className="wallboard-muted">No channel</span>;
  }
  return (
    <ul className="wallboard-loads">
      {load.map((channel) => {
        const full = channel.capacity !== 0 && channel.active >= channel.capacity;
        const paused = pausedChannels.includes(channel.channel);
        return (
          <li key={channel.channel} className="wallboard-load">
            <span className="wallboard-load-label">
              {CHANNEL_LABELS[channel.channel]}{" "}
              <span className="wallboard-number">
                {channel.active}/{channel.capacity === 0 ? <span aria-label="no limit">∞</span> : channel.capacity}
              </span>
              {paused ? <span className="wallboard-muted"> paused</span> : null}
            </span>
            <span className={full ? "wallboard-bar wallboard-bar-full" : "wallboard-bar"} aria-hidden="true">
              <span className="wallboard-bar-fill" style={{ width: `${Math.round(fill(channel) * 100)}%` }} />
            </span>
          </li>
        );
      })}
    </ul>
  );
}
