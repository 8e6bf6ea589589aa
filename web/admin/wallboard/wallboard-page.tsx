import { LoadError } from "../../components/load-error.tsx";
import { useDocumentTitle } from "../../hooks/use-document-title.ts";
import { useConnectionState } from "../../realtime/use-connection-state.ts";
import { AgentsBoard } from "./agents-board.tsx";
import { serverOffsetOf } from "./board-clock.ts";
import { QueueTiles } from "./queue-tiles.tsx";
import { useWallboard } from "./use-wallboard.ts";
import "./wallboard.css";

const CONNECTION_TEXT = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting: figures may be behind",
  offline: "Not live: reload the page",
} as const;

// The supervisor wallboard (issue 4, item 9): queues and agents, live.
export function WallboardPage() {
  useDocumentTitle("Wallboard");
  const wallboard = useWallboard();
  const connection = useConnectionState();
  const board = wallboard.data;
  const refreshFailed = board !== undefined && wallboard.isError;

  return (
    <>
      <div className="wallboard-heading">
        <h1 className="page-title">Wallboard</h1>
        <p className={`wallboard-connection wallboard-connection-${refreshFailed ? "offline" : connection}`} role="status">
          <span className="wallboard-status-dot" aria-hidden="true" />
          {refreshFailed ? "The figures could not be refreshed: they may be behind" : CONNECTION_TEXT[connection]}
        </p>
      </div>
      <p className="page-intro">Queues and agents as they are now. Waits tick up every second; everything else changes as it happens.</p>
      {board ? (
        <>
          <QueueTiles queues={board.queues} receivedAt={wallboard.dataUpdatedAt} />
          <AgentsBoard agents={board.agents} serverOffset={serverOffsetOf(board.generatedAt, wallboard.dataUpdatedAt)} />
        </>
      ) : wallboard.isError ? (
        <LoadError message="The wallboard could not be loaded." onRetry={() => void wallboard.refetch()} />
      ) : (
        <p role="status">Loading…</p>
      )}
    </>
  );
}
