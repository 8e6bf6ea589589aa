import { useInboxCounters } from "./inbox-queries.ts";
import { CHANNEL_LABELS, limitSymbol } from "./interaction-labels.ts";

// Open conversations per channel against the agent's capacity, and open tabs against the account's limit
// (product.md, Channels and capacity; ∞ where the limit is 0). The line keeps its height while loading.
export function ChannelCounters() {
  const counters = useInboxCounters();
  const channels = (counters.data?.channels ?? []).filter((entry) => entry.enabled);
  return (
    <section className="channel-counters" aria-label="Open conversations and capacity">
      {counters.data ? (
        <dl className="counter-list">
          <div className="counter counter-total">
            <dt>Open tabs</dt>
            <dd>
              {counters.data.openTotal} / {limitSymbol(counters.data.maxOpenTabs)}
            </dd>
          </div>
          {channels.map((entry) => (
            <div className={entry.paused ? "counter counter-paused" : "counter"} key={entry.channel}>
              <dt>{CHANNEL_LABELS[entry.channel]}</dt>
              <dd>
                {entry.open} / {limitSymbol(entry.capacity)}
                {entry.paused ? <span className="counter-flag"> paused</span> : null}
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="counter-list counter-placeholder">{counters.isError ? "Counters unavailable" : "Loading counters…"}</p>
      )}
    </section>
  );
}
