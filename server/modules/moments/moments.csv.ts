import { Readable, Transform, pipeline } from "node:stream";
import { stringify } from "csv-stringify";
import { neutraliseCell } from "../agents/agents.csv.ts";
import type { ExportRecord } from "./moments-reports.service.ts";

// One line per firing: what the report counts, with the notification, agent, teams, phrase and the agent's marks.
const COLUMNS: { header: string; value: (record: ExportRecord) => string }[] = [
  { header: "Fired at", value: (record) => record.firedAt.toISOString() },
  { header: "Notification", value: (record) => record.notificationName },
  { header: "Agent", value: (record) => record.agentName },
  { header: "Teams", value: (record) => record.teams },
  { header: "Channel", value: (record) => record.channel },
  { header: "Source", value: (record) => record.source },
  { header: "Speaker", value: (record) => record.speaker ?? "" },
  { header: "Phrase", value: (record) => record.phrase },
  { header: "Said", value: (record) => record.matchedText },
  { header: "Helpful", value: (record) => (record.helpful === null ? "" : record.helpful ? "yes" : "no") },
  { header: "Dismissed at", value: (record) => record.dismissedAt?.toISOString() ?? "" },
  { header: "Interaction id", value: (record) => record.interactionId ?? "" },
  { header: "Moment id", value: (record) => record.id },
];

/** RFC 4180 CSV (CRLF line ends, quotes where needed), produced as the records are read. */
export function momentsCsvStream(records: AsyncIterable<ExportRecord>, onError: (error: Error) => void): Readable {
  const toCells = new Transform({
    objectMode: true,
    transform(record: ExportRecord, _encoding, done) {
      done(null, COLUMNS.map((column) => neutraliseCell(column.value(record))));
    },
  });
  const csv = stringify({ header: true, columns: COLUMNS.map((column) => column.header), record_delimiter: "\r\n", bom: false });
  return pipeline(Readable.from(records), toCells, csv, (error) => {
    if (error) {
      onError(error);
    }
  });
}
