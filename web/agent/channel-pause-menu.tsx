import { useId, useRef, useState, type FocusEvent, type KeyboardEvent } from "react";
import type { Channel } from "../../common/domain/channels.ts";
import { setAllChannelsPaused, setChannelPaused } from "../api/presence.api.ts";
import { useInboxCounters } from "./inbox-queries.ts";
import { CHANNEL_LABELS } from "./interaction-labels.ts";
import { useOwnPresence } from "./presence-queries.ts";
import { usePresenceChange } from "./use-presence-change.ts";

interface ChannelPause {
  channel: Channel;
  paused: boolean;
}

// Per-channel pause (product.md, Channels and capacity: a paused channel offers the agent nothing new), behind
// a disclosure button in the header. The panel closes on Escape or when focus leaves it.
export function ChannelPauseMenu() {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const counters = useInboxCounters();
  const presence = useOwnPresence();
  const pauseOne = usePresenceChange((change: ChannelPause) => setChannelPaused(change.channel, change.paused), "Pause not changed");
  const pauseAll = usePresenceChange(setAllChannelsPaused, "Pause not changed");
  const pausedChannels = new Set<Channel>(presence.data?.pausedChannels ?? []);
  const channels = (counters.data?.channels ?? []).filter((entry) => entry.enabled).map((entry) => entry.channel);
  const pausedCount = channels.filter((channel) => pausedChannels.has(channel)).length;
  // What the agent just chose shows at once, in the same render as the click, until the server's answer is in.
  const [chosen, setChosen] = useState<ReadonlyMap<Channel, boolean>>(new Map());
  const isPaused = (channel: Channel): boolean => chosen.get(channel) ?? pausedChannels.has(channel);
  const remember = (targets: readonly Channel[], paused: boolean): (() => void) => {
    setChosen((current) => new Map([...current, ...targets.map((channel) => [channel, paused] as const)]));
    return () => setChosen((current) => new Map([...current].filter(([channel]) => !targets.includes(channel))));
  };
  const pauseChannel = (channel: Channel, paused: boolean): void => {
    pauseOne.mutate({ channel, paused }, { onSettled: remember([channel], paused) });
  };
  const pauseEvery = (paused: boolean): void => {
    if (!pauseAll.isPending) {
      pauseAll.mutate(paused, { onSettled: remember(channels, paused) });
    }
  };
  const close = (): void => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === "Escape" && open) {
      event.stopPropagation();
      close();
    }
  };
  const handleBlur = (event: FocusEvent<HTMLDivElement>): void => {
    if (!event.currentTarget.contains(event.relatedTarget)) {
      setOpen(false);
    }
  };

  return (
    <div className="channel-pause-menu" onKeyDown={handleKeyDown} onBlur={handleBlur}>
      <button ref={buttonRef} type="button" className="button channel-pause-button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        Channels
        <span className="channel-pause-summary">{pausedCount === 0 ? "all on" : `${pausedCount} paused`}</span>
      </button>
      <div id={panelId} className="channel-pause-panel" hidden={!open}>
        <fieldset className="setting-group">
          <legend>Pause channels</legend>
          {channels.map((channel) => (
            <div className="switch-field" key={channel}>
              <input
                id={`${panelId}-${channel}`}
                type="checkbox"
                role="switch"
                className="switch-input"
                checked={isPaused(channel)}
                onChange={(event) => pauseChannel(channel, event.target.checked)}
              />
              <label className="switch-label" htmlFor={`${panelId}-${channel}`}>
                Pause {CHANNEL_LABELS[channel]}
              </label>
            </div>
          ))}
        </fieldset>
        <div className="channel-pause-actions">
          <button type="button" className="button button-small" aria-disabled={pauseAll.isPending} onClick={() => pauseEvery(true)}>
            Pause all
          </button>
          <button type="button" className="button button-small" aria-disabled={pauseAll.isPending} onClick={() => pauseEvery(false)}>
            Resume all
          </button>
        </div>
      </div>
    </div>
  );
}
