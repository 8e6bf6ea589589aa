import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { MomentReport } from "../../common/api/moments.ts";
import { CHANNELS } from "../../common/domain/channels.ts";
import { fetchMomentReport, momentReportCsvUrl, momentsQueryKeys, type MomentReportFilters } from "../api/moments.api.ts";
import { LoadError } from "../components/load-error.tsx";
import { SelectField } from "../components/select-field.tsx";
import { TextField } from "../components/text-field.tsx";
import { MomentsChart } from "./moments-chart.tsx";

const toDate = (value: Date) => value.toISOString().slice(0, 10);

// Moments reports (issue 7, item 6): firings over time, per notification, per agent and per team; date range and
// filters; CSV. For an agent the server answers about them alone, whatever is asked, and the page offers no
// agent or team choice.
export function MomentsReports({ manager }: { manager: boolean }) {
  const [from, setFrom] = useState(() => toDate(new Date(Date.now() - 6 * 86_400_000)));
  const [to, setTo] = useState(() => toDate(new Date()));
  const [granularity, setGranularity] = useState<NonNullable<MomentReportFilters["granularity"]>>("day");
  const [notificationId, setNotificationId] = useState("");
  const [agentId, setAgentId] = useState("");
  const [teamId, setTeamId] = useState("");
  const [channel, setChannel] = useState("");
  const filters: MomentReportFilters = {
    from: new Date(`${from}T00:00:00`).toISOString(),
    to: new Date(new Date(`${to}T00:00:00`).getTime() + 86_400_000).toISOString(),
    granularity,
    ...(notificationId ? { notificationId } : {}),
    ...(agentId ? { agentId } : {}),
    ...(teamId ? { teamId } : {}),
    ...(channel ? { channel } : {}),
  };
  const report = useQuery({ queryKey: momentsQueryKeys.report(filters), queryFn: () => fetchMomentReport(filters) });
  const data = report.data;
  const choices = (rows: MomentReport["byNotification"] | undefined, selected: string) => [
    { value: "", label: "All" },
    ...(rows ?? []).flatMap((row) => (row.id ? [{ value: row.id, label: row.name }] : [])),
    ...(selected && !(rows ?? []).some((row) => row.id === selected) ? [{ value: selected, label: "Selected" }] : []),
  ];

  return (
    <section aria-label="Reports">
      <form className="form-inline moments-report-filters" aria-label="Report filters" onSubmit={(event) => event.preventDefault()}>
        <TextField label="From" type="date" value={from} onChange={setFrom} />
        <TextField label="To" type="date" value={to} onChange={setTo} />
        <SelectField
          label="By"
          value={granularity}
          options={[
            { value: "hour", label: "Hour" },
            { value: "day", label: "Day" },
            { value: "week", label: "Week" },
          ]}
          onChange={setGranularity}
        />
        <SelectField label="Notification" value={notificationId} options={choices(data?.byNotification, notificationId)} onChange={setNotificationId} />
        {manager ? <SelectField label="Agent" value={agentId} options={choices(data?.byAgent, agentId)} onChange={setAgentId} /> : null}
        {manager ? <SelectField label="Team" value={teamId} options={choices(data?.byTeam, teamId)} onChange={setTeamId} /> : null}
        <SelectField label="Channel" value={channel} options={[{ value: "", label: "All" }, ...CHANNELS.map((value) => ({ value, label: value }))]} onChange={setChannel} />
        <a className="button" href={momentReportCsvUrl(filters)} download>
          Export CSV
        </a>
      </form>
      {report.isError ? <LoadError message="The report could not be loaded." onRetry={() => void report.refetch()} /> : null}
      {report.isPending ? <p role="status">Loading…</p> : null}
      {data ? (
        <>
          <p role="status" className="moments-report-total">
            {data.total} {data.total === 1 ? "firing" : "firings"}
          </p>
          <MomentsChart report={data} />
          <CountTable caption="Per notification" rows={data.byNotification} />
          {manager ? <CountTable caption="Per agent" rows={data.byAgent} /> : null}
          <CountTable caption="Per team" rows={data.byTeam} />
        </>
      ) : null}
    </section>
  );
}

function CountTable({ caption, rows }: { caption: string; rows: MomentReport["byNotification"] }) {
  return (
    <div className="table-scroll">
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Firings</th>
            <th scope="col">Helpful</th>
            <th scope="col">Dismissed</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={4}>No firings.</td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.id ?? row.name}>
                <th scope="row">{row.name}</th>
                <td>{row.firings}</td>
                <td>{row.helpful}</td>
                <td>{row.dismissed}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
