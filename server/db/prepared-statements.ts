import { createHash } from "node:crypto";
import type pg from "pg";

// PostgreSQL parses, analyses and plans every unnamed statement it receives. For the routing engine's statements
// (correlated counts, data-modifying CTEs) planning costs twice what running them does. Each pooled connection
// therefore prepares the statements it runs as named statements: later runs only bind and execute, and after five
// runs PostgreSQL keeps a generic plan when it is no worse than the custom ones.
//
// A generic plan is made from the table sizes of its moment. Made while a table was nearly empty (a new install, a
// benchmark's first seconds) it scans that table whole, however large it grows, until an autoanalyze invalidates
// it. So a connection prepares each statement anew as it ages, after 2 s, 4 s, 8 s... then every 5 minutes: a plan
// never outlives by much the table sizes it was made for, and a long-running server replans rarely.

/** Live named statements per connection; past this, statements run unnamed (query texts built per request). */
export const STATEMENTS_PER_CONNECTION = 500;
/** Texts longer than this (bulk inserts of many rows) are not worth keeping. */
const MAX_TEXT_LENGTH = 20_000;
/** Only these are prepared: not DDL, not transaction control, not SET. */
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;
/** A statement the server no longer has, or whose result changed shape under it (a migration altered a table). */
const STALE_STATEMENT_CODES = new Set(["26000", "0A000"]);
export const FIRST_RENEWAL_MS = 2_000;
export const LONGEST_RENEWAL_MS = 5 * 60_000;
/** Retired statements waiting for an idle moment to be deallocated; past this, statements are no longer renewed. */
const RETIRED_KEPT = 200;

/** A statement's name: its text's hash (prepared anew, with a new sequence number). Computed only when preparing. */
const nameFor = (text: string, sequence: number) => `sb_${createHash("sha1").update(text).digest("hex").slice(0, 16)}_${sequence.toString(36)}`;

interface Prepared {
  name: string;
  renewAt: number;
  renewAfter: number;
}

type QueryFunction = (text: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * Makes a pooled client run `query(text, values)` as a named (prepared) statement, renewed as it ages. A renewed or
 * stale statement is deallocated at the connection's next moment outside a transaction, before its next query.
 * When the server no longer has a statement, or its result changed shape (a migration altered a table), the error
 * answers the request that met it and the statement is prepared anew on its next run.
 */
export function prepareStatementsOn(client: pg.PoolClient, clock: () => number = Date.now): void {
  const patched = client as unknown as { query: QueryFunction; _txStatus?: string | null };
  const query = patched.query.bind(client);
  const statements = new Map<string, Prepared>();
  const retired: string[] = [];
  let sequence = 0;

  const retire = (text: string, prepared: Prepared) => {
    if (statements.get(text) === prepared) {
      statements.delete(text);
      retired.push(prepared.name);
    }
  };

  const statementFor = (text: string): Prepared | undefined => {
    const now = clock();
    const current = statements.get(text);
    if (current && (current.renewAt > now || retired.length >= RETIRED_KEPT)) {
      return current;
    }
    if (current) {
      retire(text, current);
    } else if (statements.size >= STATEMENTS_PER_CONNECTION) {
      return undefined;
    }
    sequence += 1;
    const renewAfter = current ? Math.min(current.renewAfter * 2, LONGEST_RENEWAL_MS) : FIRST_RENEWAL_MS;
    const prepared = { name: nameFor(text, sequence), renewAt: now + renewAfter, renewAfter };
    statements.set(text, prepared);
    return prepared;
  };

  const run = (text: string, values: unknown[], prepared: Prepared | undefined): Promise<unknown> => {
    if (!prepared) {
      return query(text, values) as Promise<unknown>;
    }
    return (query({ name: prepared.name, text, values }) as Promise<unknown>).catch((error: unknown) => {
      if (STALE_STATEMENT_CODES.has((error as { code?: string }).code ?? "")) {
        retire(text, prepared);
      }
      throw error;
    });
  };

  patched.query = (text: unknown, values?: unknown, callback?: unknown) => {
    if (typeof text !== "string" || !Array.isArray(values) || callback !== undefined || text.length > MAX_TEXT_LENGTH || !PREPARABLE.test(text)) {
      return query(text, values, callback);
    }
    const prepared = statementFor(text);
    // Outside a transaction ("I": idle), the retired statements go first: a failed transaction would refuse it.
    if (retired.length > 0 && patched._txStatus === "I") {
      const names = retired.splice(0);
      return (query(names.map((name) => `deallocate ${name}`).join("; ")) as Promise<unknown>).then(
        () => run(text, values, prepared),
        // One of them is gone already (a stale statement): deallocate the rest one by one, each on its own.
        () => Promise.all(names.map((name) => (query(`deallocate ${name}`) as Promise<unknown>).catch(() => undefined))).then(() => run(text, values, prepared)),
      );
    }
    return run(text, values, prepared);
  };
}
