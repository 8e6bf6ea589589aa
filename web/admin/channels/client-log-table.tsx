import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { CLIENT_LOG_LEVELS, type ClientLogLevel } from "../../../common/api/client-logs.ts";
import { CLIENT_LOG_PAGE_SIZE, clientLogDownloadUrl, clientLogQueryKeys, fetchAgentClientLogs } from "../../api/client-logs.api.ts";
import { DateTime } from "../../components/date-time.tsx";
import { LoadError } from "../../components/load-error.tsx";
import { LEVEL_LABELS } from "./client-log-settings-form.tsx";
import { SelectField } from "../../components/select-field.tsx";

type LevelFilter = ClientLogLevel | "all";
const FILTER_OPTIONS: readonly { value: LevelFilter; label: string }[] = [
  { value: "all", label: "Every level" },
  ...CLIENT_LOG_LEVELS.map((level) => ({ value: level, label: LEVEL_LABELS[level] })),
];

// The agent's shipped lines, newest first, a server page at a time; downloads of every line as text or CSV.
export function ClientLogTable({ agentId }: { agentId: string }) {
  const [page, setPage] = useState(1);
  const [filter, setFilter] = useState<LevelFilter>("all");
  const level = filter === "all" ? null : filter;
  const lines = useQuery({
    queryKey: clientLogQueryKeys.agentPage(agentId, page, level),
    queryFn: () => fetchAgentClientLogs(agentId, page, level),
    placeholderData: keepPreviousData,
  });
  const pageCount = Math.max(1, Math.ceil((lines.data?.total ?? 0) / CLIENT_LOG_PAGE_SIZE));

  return (
    <section className="section" aria-labelledby="client-log-lines-title">
      <h3 className="section-title" id="client-log-lines-title">
        Log lines
      </h3>
      <div className="toolbar">
        <SelectField
        className="field-input-short"
          label="Level"
          value={filter}
          options={FILTER_OPTIONS}
          onChange={(chosen) => {
            setFilter(chosen);
            setPage(1);
          }}
        />
        <a className="button" href={clientLogDownloadUrl(agentId, "text", level)} download>
          Download text
        </a>
        <a className="button" href={clientLogDownloadUrl(agentId, "csv", level)} download>
          Download CSV
        </a>
        <button type="button" className="button" onClick={() => void lines.refetch()}>
          Refresh
        </button>
      </div>
      {lines.isError ? (
        <LoadError message="The log lines could not be loaded." onRetry={() => void lines.refetch()} />
      ) : !lines.data ? (
        <p role="status">Loading…</p>
      ) : lines.data.items.length === 0 ? (
        <div className="empty-state">
          <p>No log lines{level ? ` at level ${LEVEL_LABELS[level]}` : ""}.</p>
        </div>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Client log lines, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Logged at</th>
                <th scope="col">Level</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {lines.data.items.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <DateTime value={entry.loggedAt} />
                  </td>
                  <td>
                    <span className={`log-level log-level-${entry.level}`}>{LEVEL_LABELS[entry.level]}</span>
                  </td>
                  <td className="log-message">
                    {entry.message}
                    {entry.context ? `\n${JSON.stringify(entry.context)}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label="Log pages">
        <button type="button" className="button button-small" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          Previous
        </button>
        <span role="status">
          Page {page} of {pageCount} ({lines.data?.total ?? 0} lines)
        </span>
        <button type="button" className="button button-small" disabled={page >= pageCount} onClick={() => setPage(page + 1)}>
          Next
        </button>
      </nav>
    </section>
  );
}
