import { Readable, Transform, pipeline } from "node:stream";
import { stringify } from "csv-stringify";
import { neutraliseCell } from "../agents/agents.csv.ts";
import { filtersOf, type CoachingExportRecord } from "./coaching-log.service.ts";

const TARGET_LABELS = { agent: "Agent", team: "Team", queue: "Queue", campaign: "Campaign", list: "List" } as const;

const iso = (value: Date | null) => value?.toISOString() ?? "";

function describeFilters(record: CoachingExportRecord): string {
  return Object.entries(filtersOf(record.message))
    .filter(([, value]) => value !== undefined && value !== "")
    .map(([name, value]) => `${name}=${String(value)}`)
    .join("; ");
}

// One line per agent's copy: the permanent log of issue 6 (sender, recipients, group used, delivered and read times).
const COLUMNS: { header: string; value: (record: CoachingExportRecord) => string }[] = [
  { header: "Sent at", value: ({ message }) => message.createdAt.toISOString() },
  { header: "Sender", value: ({ message }) => message.senderName },
  { header: "Sender username", value: ({ message }) => message.senderUsername },
  { header: "Sent to", value: ({ message }) => TARGET_LABELS[message.targetKind] },
  { header: "Agent or group", value: ({ message }) => message.targetName },
  { header: "Filters", value: describeFilters },
  { header: "Message", value: ({ message }) => message.body },
  { header: "Recipient", value: ({ recipient }) => recipient.agentName },
  { header: "Recipient username", value: ({ recipient }) => recipient.agentUsername },
  { header: "Delivered at", value: ({ recipient }) => iso(recipient.deliveredAt) },
  { header: "Read at", value: ({ recipient }) => iso(recipient.readAt) },
  { header: "Cleared from view at", value: ({ recipient }) => iso(recipient.clearedAt) },
  { header: "Message id", value: ({ message }) => message.id },
];

/** RFC 4180 CSV (CRLF line ends, quotes where needed) of the records, produced as they are read. */
export function coachingCsvStream(records: AsyncIterable<CoachingExportRecord>, onError: (error: Error) => void): Readable {
  const toCells = new Transform({
    objectMode: true,
    transform(record: CoachingExportRecord, _encoding, done) {
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
