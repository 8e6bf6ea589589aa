import { memo } from "react";
import type { WallboardQueue } from "../../../common/api/wallboard.ts";
import { CHANNEL_LABELS } from "../channels/channel-labels.ts";
import { WaitDuration } from "./live-duration.tsx";

interface QueueTileProps {
  queue: WallboardQueue;
  /** When the page received the figures (the browser's clock). */
  receivedAt: number;
}

// One queue at a glance: who waits and for how long, who could take it, and how today went.
export const QueueTile = memo(function QueueTile({ queue, receivedAt }: QueueTileProps) {
  const headingId = `wallboard-queue-${queue.id}`;
  return (
    <li className="wallboard-tile">
      <article aria-labelledby={headingId} className={queue.waiting > 0 && queue.agentsReady === 0 ? "wallboard-tile-body wallboard-tile-alert" : "wallboard-tile-body"}>
        <header className="wallboard-tile-header">
          <h3 id={headingId} className="wallboard-tile-title">
            {queue.name}
          </h3>
          <span className="wallboard-muted">{CHANNEL_LABELS[queue.channel]}</span>
        </header>
        <dl className="wallboard-figures">
          <div className="wallboard-figure wallboard-figure-main">
            <dt>Waiting</dt>
            <dd className="wallboard-number">{queue.waiting}</dd>
          </div>
          <div className="wallboard-figure wallboard-figure-main">
            <dt>Longest wait</dt>
            <dd>{queue.waiting > 0 ? <WaitDuration seconds={queue.longestWaitSeconds} receivedAt={receivedAt} /> : <span className="wallboard-number">–</span>}</dd>
          </div>
          <div className="wallboard-figure">
            <dt>Ready agents</dt>
            <dd className="wallboard-number">{queue.agentsReady}</dd>
          </div>
          <div className="wallboard-figure">
            <dt>Offered</dt>
            <dd className="wallboard-number">{queue.offered}</dd>
          </div>
          <div className="wallboard-figure">
            <dt>Active</dt>
            <dd className="wallboard-number">{queue.active}</dd>
          </div>
        </dl>
        <dl className="wallboard-figures wallboard-today" aria-label={`${queue.name} today`}>
          <div className="wallboard-figure">
            <dt>Accepted today</dt>
            <dd className="wallboard-number">{queue.today.accepted}</dd>
          </div>
          <div className="wallboard-figure">
            <dt>Timed out today</dt>
            <dd className="wallboard-number">{queue.today.timedOut}</dd>
          </div>
          <div className="wallboard-figure">
            <dt>Abandoned today</dt>
            <dd className="wallboard-number">{queue.today.abandoned}</dd>
          </div>
        </dl>
      </article>
    </li>
  );
});
