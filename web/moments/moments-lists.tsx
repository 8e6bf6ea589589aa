import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { MomentContent, MomentNotification } from "../../common/api/moments.ts";
import { deleteMomentContent, deleteMomentNotification, listMomentContents, listMomentNotifications, momentsQueryKeys } from "../api/moments.api.ts";
import { LoadError } from "../components/load-error.tsx";

function targetSummary(notification: MomentNotification): string {
  if (notification.personal) {
    return "You alone";
  }
  const parts = [...notification.targets.teams.map((team) => team.name), ...notification.targets.agents.map((agent) => agent.name)];
  return parts.length === 0 ? "Nobody yet" : parts.join(", ");
}

export function NotificationList({ onEdit, showTargets }: { onEdit: (notification: MomentNotification) => void; showTargets: boolean }) {
  const queryClient = useQueryClient();
  const notifications = useQuery({ queryKey: momentsQueryKeys.notifications, queryFn: listMomentNotifications });
  const remove = useMutation({ mutationFn: deleteMomentNotification, onSuccess: () => queryClient.invalidateQueries({ queryKey: momentsQueryKeys.notifications }) });
  if (notifications.isError) {
    return <LoadError message="The notifications could not be loaded." onRetry={() => void notifications.refetch()} />;
  }
  const items = notifications.data?.items ?? [];
  return (
    <div className="table-scroll">
      <table className="table">
        <caption>Notifications</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Phrases</th>
            {showTargets ? <th scope="col">Reaches</th> : null}
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {notifications.isPending ? (
            <tr>
              <td colSpan={5}>Loading…</td>
            </tr>
          ) : items.length === 0 ? (
            <tr>
              <td colSpan={5}>No notifications yet.</td>
            </tr>
          ) : (
            items.map((notification) => (
              <tr key={notification.id}>
                <th scope="row">{notification.name}</th>
                <td>{[...notification.criteria.anyOf, ...notification.criteria.allOf].join(", ") || (notification.criteria.notMentioned ? `Not mentioned within ${notification.criteria.notMentioned.withinSeconds} s` : "")}</td>
                {showTargets ? <td>{targetSummary(notification)}</td> : null}
                <td>{notification.enabled ? "On" : "Off"}</td>
                <td>
                  <button type="button" className="button button-small" onClick={() => onEdit(notification)}>
                    Edit {notification.name}
                  </button>{" "}
                  <button type="button" className="button button-small button-danger" disabled={remove.isPending} onClick={() => remove.mutate(notification.id)}>
                    Delete {notification.name}
                  </button>
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

export function ContentList({ onEdit }: { onEdit: (content: MomentContent) => void }) {
  const queryClient = useQueryClient();
  const contents = useQuery({ queryKey: momentsQueryKeys.contents, queryFn: listMomentContents });
  const remove = useMutation({ mutationFn: deleteMomentContent, onSuccess: () => queryClient.invalidateQueries({ queryKey: momentsQueryKeys.all }) });
  if (contents.isError) {
    return <LoadError message="The content items could not be loaded." onRetry={() => void contents.refetch()} />;
  }
  const items = contents.data?.items ?? [];
  return (
    <div className="table-scroll">
      <table className="table">
        <caption>Content items</caption>
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Links</th>
            <th scope="col">Owner</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {items.length === 0 ? (
            <tr>
              <td colSpan={4}>{contents.isPending ? "Loading…" : "No content items yet."}</td>
            </tr>
          ) : (
            items.map((content) => (
              <tr key={content.id}>
                <th scope="row">{content.title}</th>
                <td>{content.links.length}</td>
                <td>{content.owner?.name ?? "—"}</td>
                <td>
                  <button type="button" className="button button-small" onClick={() => onEdit(content)}>
                    Edit {content.title}
                  </button>{" "}
                  <button type="button" className="button button-small button-danger" disabled={remove.isPending} onClick={() => remove.mutate(content.id)}>
                    Delete {content.title}
                  </button>
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
