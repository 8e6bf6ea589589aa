import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type KeyboardEvent } from "react";
import type { MomentContent, MomentNotification } from "../../common/api/moments.ts";
import { fetchMomentsAccess, momentsQueryKeys } from "../api/moments.api.ts";
import { useDocumentTitle } from "../hooks/use-document-title.ts";
import { useRealtimeEvent } from "../realtime/use-realtime-event.ts";
import { ContentEditor } from "./content-editor.tsx";
import { ContentList, NotificationList } from "./moments-lists.tsx";
import { MomentsReports } from "./moments-reports.tsx";
import { NotificationEditor } from "./notification-editor.tsx";
import "./moments-console.css";

const TABS = [
  { id: "notifications", label: "Notifications" },
  { id: "content", label: "Content" },
  { id: "reports", label: "Reports" },
] as const;
type Tab = (typeof TABS)[number]["id"];

type Editing = { kind: "notification"; notification: MomentNotification | undefined } | { kind: "content"; content: MomentContent | undefined } | undefined;

/**
 * The Moments console (issue 7, item 7): admins and supervisors manage every notification and content item in
 * their scope, with targets and all criteria; an agent with self-service access gets the same console over their
 * own items, phrase criteria only, and their own reports (seed 000).
 */
export function MomentsConsole() {
  useDocumentTitle("Moments");
  const baseId = useId();
  const queryClient = useQueryClient();
  const access = useQuery({ queryKey: momentsQueryKeys.access, queryFn: fetchMomentsAccess });
  const [tab, setTab] = useState<Tab>("notifications");
  const [editing, setEditing] = useState<Editing>(undefined);
  useRealtimeEvent("moment_notification.changed", () => void queryClient.invalidateQueries({ queryKey: momentsQueryKeys.notifications }));
  useRealtimeEvent("agent.licences_changed", () => void queryClient.invalidateQueries({ queryKey: momentsQueryKeys.access }));

  if (access.isPending) {
    return <p role="status">Loading…</p>;
  }
  const manager = access.data?.manage === true;
  if (!manager && access.data?.selfService !== true) {
    return (
      <>
        <h1 className="page-title">Moments</h1>
        <div className="empty-state">
          <p>Moments is not available to you. {access.data?.reasons.join(" ")}</p>
        </div>
      </>
    );
  }

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = TABS.findIndex((candidate) => candidate.id === tab);
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (step !== 0) {
      const next = TABS[(index + step + TABS.length) % TABS.length];
      if (next) {
        setTab(next.id);
        setEditing(undefined);
        document.getElementById(`${baseId}-${next.id}-tab`)?.focus();
      }
    }
  };

  return (
    <>
      <h1 className="page-title">Moments</h1>
      <p className="page-intro">{manager ? "Phrase-match notifications with guidance, pushed to agents' desktops as conversations happen." : "Your own reminders: when a phrase is said in your conversation, you see your guidance at once."}</p>
      <div role="tablist" aria-label="Moments" className="moments-tabs">
        {TABS.map((candidate) => (
          <button
            key={candidate.id}
            id={`${baseId}-${candidate.id}-tab`}
            type="button"
            role="tab"
            aria-selected={tab === candidate.id}
            aria-controls={`${baseId}-panel`}
            tabIndex={tab === candidate.id ? 0 : -1}
            className="moments-tab"
            onKeyDown={onTabKey}
            onClick={() => {
              setTab(candidate.id);
              setEditing(undefined);
            }}
          >
            {candidate.label}
          </button>
        ))}
      </div>
      <div id={`${baseId}-panel`} role="tabpanel" aria-labelledby={`${baseId}-${tab}-tab`} className="moments-panel">
        {tab === "notifications" ? (
          editing?.kind === "notification" ? (
            <NotificationEditor key={editing.notification?.id ?? "new"} notification={editing.notification} manager={manager} onDone={() => setEditing(undefined)} />
          ) : (
            <>
              <div className="toolbar">
                <button type="button" className="button button-primary" onClick={() => setEditing({ kind: "notification", notification: undefined })}>
                  New notification
                </button>
              </div>
              <NotificationList showTargets={manager} onEdit={(notification) => setEditing({ kind: "notification", notification })} />
            </>
          )
        ) : null}
        {tab === "content" ? (
          editing?.kind === "content" ? (
            <ContentEditor key={editing.content?.id ?? "new"} content={editing.content} onDone={() => setEditing(undefined)} />
          ) : (
            <>
              <div className="toolbar">
                <button type="button" className="button button-primary" onClick={() => setEditing({ kind: "content", content: undefined })}>
                  New content item
                </button>
              </div>
              <ContentList onEdit={(content) => setEditing({ kind: "content", content })} />
            </>
          )
        ) : null}
        {tab === "reports" ? <MomentsReports manager={manager} /> : null}
      </div>
    </>
  );
}
