import { createHash } from "node:crypto";
import type pg from "pg";

// PostgreSQL parses, analyses and plans every unnamed statement it receives. For the routing engine's statements
// (correlated counts, data-modifying CTEs) the planning alone cost as much as running them. Each pooled connection
// therefore prepares the statements it runs as named statements, once: later runs only bind and execute, and
// after five runs PostgreSQL may keep a generic plan. The same cache postgres.js and pgx keep, bounded per
// connection.

/** Named statements per connection; past this, statements run unnamed (a query text built per request). */
export const STATEMENTS_PER_CONNECTION = 500;
/** Texts longer than this (bulk inserts of many rows) are not worth keeping. */
const MAX_TEXT_LENGTH = 20_000;
/** Only these are prepared: not DDL, not transaction control, not SET. */
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;
/** A statement the server no longer has, or whose result changed shape under it (a migration altered a table). */
const STALE_STATEMENT_CODES = new Set(["26000", "0A000"]);

const names = new Map<string, string>();
const NAMES_KEPT = 5_000;

function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `sb_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    if (names.size >= NAMES_KEPT) {
      names.clear();
    }
    names.set(text, name);
  }
  return name;
}

type QueryFunction = (text: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * Makes a pooled client run `query(text, values)` as a named (prepared) statement. When the server no longer has a
 * statement, or its result changed shape under it (a migration altered a table), the error answers the request that
 * met it, and the connection prepares every statement anew, under new names, from then on.
 */
export function prepareStatementsOn(client: pg.PoolClient): void {
  const patched = client as unknown as { query: QueryFunction };
  const query = patched.query.bind(client);
  let prepared = new Set<string>();
  let preparedEver = 0;
  let generation = 0;
  patched.query = (text: unknown, values?: unknown, callback?: unknown) => {
    if (typeof text !== "string" || !Array.isArray(values) || callback !== undefined || text.length > MAX_TEXT_LENGTH || !PREPARABLE.test(text)) {
      return query(text, values, callback);
    }
    const name = generation === 0 ? nameOf(text) : `${nameOf(text)}_${generation}`;
    if (!prepared.has(name)) {
      if (preparedEver >= STATEMENTS_PER_CONNECTION) {
        return query(text, values);
      }
      prepared.add(name);
      preparedEver += 1;
    }
    return (query({ name, text, values }) as Promise<unknown>).catch((error: unknown) => {
      if (STALE_STATEMENT_CODES.has((error as { code?: string }).code ?? "")) {
        generation += 1;
        prepared = new Set();
      }
      throw error;
    });
  };
}
