import type { WallboardQueue } from "../../../common/api/wallboard.ts";
import { QueueTile } from "./queue-tile.tsx";

export function QueueTiles({ queues, receivedAt }: { queues: readonly WallboardQueue[]; receivedAt: number }) {
  return (
    <section className="section" aria-labelledby="wallboard-queues">
      <h2 className="section-title" id="wallboard-queues">
        Queues
      </h2>
      {queues.length === 0 ? (
        <p className="empty-state">No queues to show. Supervisors see the queues they are enabled on.</p>
      ) : (
        <ul className="wallboard-tiles">
          {queues.map((queue) => (
            <QueueTile key={queue.id} queue={queue} receivedAt={receivedAt} />
          ))}
        </ul>
      )}
    </section>
  );
}
