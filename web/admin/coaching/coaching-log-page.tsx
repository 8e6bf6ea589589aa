import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { coachingLogExportUrl, coachingQueryKeys, fetchCoachingLog, fetchCoachingSettings } from "../../api/coaching.api.ts";
import { LoadError } from "../../components/load-error.tsx";
import { useDocumentTitle } from "../../hooks/use-document-title.ts";
import { useRealtimeEvent } from "../../realtime/use-realtime-event.ts";
import { PaginationControls } from "../groups/pagination-controls.tsx";
import { ClearDownSettingsForm } from "./clear-down-settings-form.tsx";
import { CoachingLogFilterForm } from "./coaching-log-filter-form.tsx";
import { coachingLogViewFrom, type CoachingLogFormValues } from "./coaching-log-filters.ts";
import { CoachingLogTable } from "./coaching-log-table.tsx";
import "./coaching.css";

const PAGE_SIZE = 25;

// product.md, Coaching messages: "Every message stays in a permanent log that admins can read" — searched by
// sender, agent, date and text, exported as CSV; and the overnight clear-down's settings.
export function CoachingLogPage() {
  useDocumentTitle("Coaching log");
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const view = coachingLogViewFrom(search);
  const log = useQuery({ queryKey: coachingQueryKeys.log(view.filters, view.page), queryFn: () => fetchCoachingLog(view.filters, view.page, PAGE_SIZE), placeholderData: keepPreviousData });
  const settings = useQuery({ queryKey: coachingQueryKeys.settings, queryFn: fetchCoachingSettings });
  useRealtimeEvent("coaching_message.sent", () => void queryClient.invalidateQueries({ queryKey: ["coaching", "log"] }));

  const apply = (values: CoachingLogFormValues) => {
    const next = new URLSearchParams();
    const entries: [string, string][] = [["sender", values.sender], ["agent", values.agent], ["text", values.text], ["from", values.fromDate], ["to", values.toDate]];
    for (const [key, value] of entries) {
      if (value) {
        next.set(key, value);
      }
    }
    setSearch(next);
  };
  const goTo = (page: number) => {
    const next = new URLSearchParams(search);
    next.set("page", String(page));
    setSearch(next);
  };

  return (
    <>
      <h1 className="page-title">Coaching log</h1>
      <p className="page-intro">Every coaching message ever sent: who sent it, to whom, and when each agent received and read it. Agents’ copies are cleared overnight; this log keeps them.</p>
      <CoachingLogFilterForm key={search.toString()} values={view.values} onApply={apply} onClear={() => setSearch(new URLSearchParams())} />
      <section className="section" aria-labelledby="coaching-log-title">
        <div className="toolbar coaching-log-toolbar">
          <h2 className="section-title" id="coaching-log-title">
            Messages
          </h2>
          <a className="button button-small" href={coachingLogExportUrl(view.filters)} download>
            Export CSV
          </a>
        </div>
        {log.data ? (
          <>
            <p role="status">
              {log.data.total} {log.data.total === 1 ? "message" : "messages"}
            </p>
            <CoachingLogTable entries={log.data.items} />
            <PaginationControls label="Coaching log pages" page={view.page} pageSize={PAGE_SIZE} total={log.data.total} onPageChange={goTo} />
          </>
        ) : log.isError ? (
          <LoadError message="The coaching log could not be loaded." onRetry={() => void log.refetch()} />
        ) : (
          <p role="status">Loading…</p>
        )}
      </section>
      {settings.data ? <ClearDownSettingsForm settings={settings.data} /> : null}
    </>
  );
}
