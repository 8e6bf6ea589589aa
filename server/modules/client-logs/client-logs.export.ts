import { Readable, Transform, pipeline } from "node:stream";
import { stringify } from "csv-stringify";
import type { ClientLogRow } from "./client-logs.repository.ts";

export type ClientLogFormat = "text" | "csv";

// A spreadsheet runs a cell that starts with one of these as a formula (OWASP, CSV injection): such a cell
// gets a leading single quote, which makes it text. Log messages come from the browser: never trusted.
const FORMULA_START = /^[=+\-@\t\r]/;
function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const CSV_COLUMNS = ["Logged at", "Level", "Message", "Context", "Received at"];

function csvCells(row: ClientLogRow): string[] {
  return [
    row.loggedAt.toISOString(),
    row.level,
    row.message,
    row.contextJson ?? "",
    row.receivedAt.toISOString(),
  ].map(neutraliseCell);
}

// One line per entry; a message's own line breaks are escaped so each entry stays one line.
function textLine(row: ClientLogRow): string {
  const message = row.message.replaceAll("\\", "\\\\").replaceAll("\r", "\\r").replaceAll("\n", "\\n");
  const context = row.contextJson ? ` ${row.contextJson}` : "";
  return `${row.loggedAt.toISOString()} ${row.level.toUpperCase().padEnd(7)} ${message}${context}\n`;
}

/** The lines as text or RFC 4180 CSV, produced as the batches arrive (backpressure reaches the database reads). */
export function clientLogStream(rows: AsyncIterable<ClientLogRow>, format: ClientLogFormat, onError: (error: Error) => void): Readable {
  const done = (error: NodeJS.ErrnoException | null) => {
    if (error) {
      onError(error);
    }
  };
  if (format === "text") {
    const toText = new Transform({
      writableObjectMode: true,
      transform(row: ClientLogRow, _encoding, callback) {
        callback(null, textLine(row));
      },
    });
    return pipeline(Readable.from(rows), toText, done);
  }
  const toCells = new Transform({
    objectMode: true,
    transform(row: ClientLogRow, _encoding, callback) {
      callback(null, csvCells(row));
    },
  });
  const csv = stringify({ header: true, columns: CSV_COLUMNS, record_delimiter: "\r\n" });
  return pipeline(Readable.from(rows), toCells, csv, done);
}
