import { expressionBuilder, sql, type Expression, type SelectQueryBuilder, type SqlBool } from "kysely";
import type { MemberListQuery } from "../../../common/api/groups.ts";
import type { Database } from "../../db/tables.ts";

// Small SQL helpers shared by the group modules (teams, queues, campaigns, lists).

/** `%text%` for ILIKE, with the pattern characters of the search taken literally. */
export function containsPattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** PostgreSQL's unique_violation, raised the same way by pg and PGlite. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505";
}

export function offsetOf(query: { page: number; pageSize: number }): number {
  return (query.page - 1) * query.pageSize;
}

export function toIso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export function countOf(value: string | number | bigint | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** Members whose full name or username matches an ILIKE pattern (the member lists of every group). */
export function memberMatches(pattern: string): Expression<SqlBool> {
  const eb = expressionBuilder<Database, "users">();
  return eb.or([eb("users.fullName", "ilike", pattern), eb("users.username", "ilike", pattern)]);
}

interface Counted {
  executeTakeFirstOrThrow(): Promise<{ total: string | number | bigint | null }>;
}

/**
 * One page of groups by name, ignoring case, then id, and how many there are in all: `rows` and `count` are
 * the same filtered query, read from the table (or alias) `table`.
 */
export async function namedGroupPage<DB, TB extends keyof DB, Row>(
  table: string,
  query: { page: number; pageSize: number },
  rows: SelectQueryBuilder<DB, TB, Row>,
  count: Counted,
): Promise<{ rows: Row[]; total: number }> {
  const [page, counted] = await Promise.all([
    rows
      .orderBy(sql`lower(${sql.ref(`${table}.name`)})`)
      .orderBy(sql.ref(`${table}.id`))
      .limit(query.pageSize)
      .offset(offsetOf(query))
      .execute(),
    count.executeTakeFirstOrThrow(),
  ]);
  return { rows: page, total: countOf(counted.total) };
}

/**
 * One page of a group's members (`filtered`: the member rows joined to `users`), by full name then id, searched
 * by full name or username; `select` picks the columns of a row.
 */
export async function memberPage<DB, TB extends keyof DB, Row>(
  filtered: SelectQueryBuilder<DB, TB, object>,
  query: MemberListQuery,
  select: (builder: SelectQueryBuilder<DB, TB, object>) => SelectQueryBuilder<DB, TB, Row>,
): Promise<{ rows: Row[]; total: number }> {
  const matching = query.search ? filtered.where(memberMatches(containsPattern(query.search))) : filtered;
  const [rows, counted] = await Promise.all([
    select(matching).orderBy(sql`lower(users.full_name)`).orderBy(sql`users.id`).limit(query.pageSize).offset(offsetOf(query)).execute(),
    // The one typed cast of these helpers: Kysely cannot resolve a selection over a generic table set, and
    // count(*) is a number whatever the tables are.
    matching.select(sql`count(*)`.as("total")).$castTo<{ total: number }>().executeTakeFirstOrThrow(),
  ]);
  return { rows, total: countOf(counted.total) };
}
