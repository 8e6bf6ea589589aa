import { Readable, Transform, pipeline } from "node:stream";
import { stringify } from "csv-stringify";
import { typologyOf, statusOf } from "./agents.presenter.ts";
import type { AgentExportRow } from "./agents.repository.ts";

export interface AgentExportRecord {
  agent: AgentExportRow;
  teams: readonly string[];
  queues: readonly string[];
}

const COLUMNS: { header: string; value: (record: AgentExportRecord) => string }[] = [
  { header: "Username", value: ({ agent }) => agent.username },
  { header: "Full name", value: ({ agent }) => agent.fullName },
  { header: "Alias", value: ({ agent }) => agent.alias ?? "" },
  { header: "Email", value: ({ agent }) => agent.email ?? "" },
  { header: "Extension", value: ({ agent }) => agent.extension ?? "" },
  { header: "Typology", value: ({ agent }) => typologyOf(agent) },
  { header: "Status", value: ({ agent }) => statusOf(agent) },
  { header: "Login in pause", value: ({ agent }) => (agent.loginInPause ? "yes" : "no") },
  { header: "Toast position", value: ({ agent }) => agent.toastPosition },
  { header: "Teams", value: ({ teams }) => teams.join("; ") },
  { header: "Queues", value: ({ queues }) => queues.join("; ") },
  { header: "Description", value: ({ agent }) => agent.description ?? "" },
  { header: "Created at", value: ({ agent }) => agent.createdAt.toISOString() },
  { header: "Last sign-in", value: ({ agent }) => agent.lastLoginAt?.toISOString() ?? "" },
  { header: "Password changed at", value: ({ agent }) => agent.passwordChangedAt?.toISOString() ?? "" },
  { header: "Id", value: ({ agent }) => agent.id },
];

// A spreadsheet runs a cell that starts with one of these as a formula (OWASP, CSV injection): such a cell is
// exported with a leading single quote, which makes it text.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** RFC 4180 CSV (CRLF line ends, quotes where needed) of the records, produced as they arrive. */
export function agentCsvStream(records: AsyncIterable<AgentExportRecord>, onError: (error: Error) => void): Readable {
  const toCells = new Transform({
    objectMode: true,
    transform(record: AgentExportRecord, _encoding, done) {
      done(null, COLUMNS.map((column) => neutraliseCell(column.value(record))));
    },
  });
  const csv = stringify({ header: true, columns: COLUMNS.map((column) => column.header), record_delimiter: "\r\n", bom: false });
  // pipeline passes backpressure from the HTTP response back to the database batches, and destroys every
  // stage (ending the response early) when a batch fails.
  return pipeline(Readable.from(records), toCells, csv, (error) => {
    if (error) {
      onError(error);
    }
  });
}
