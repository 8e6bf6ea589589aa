import type { AuditFilters } from "../../api/audit.api.ts";

// The audit log's filters live in the page address, so a filtered view can be reloaded and shared.
export interface AuditView {
  filters: AuditFilters;
  /** The dates as the form shows them (YYYY-MM-DD, the reader's days). */
  fromDate: string;
  toDate: string;
  actorUsername: string;
  page: number;
}

export const ENTITY_TYPES = ["agent", "user", "settings", "team", "queue", "campaign", "list"] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The reader's midnight at the start of that day, as the ISO instant the API filters on. */
export function startOfDay(date: string): string {
  return new Date(`${date}T00:00:00`).toISOString();
}

/** The end of that day (the next midnight): a date range includes its last day. */
export function endOfDay(date: string): string {
  const next = new Date(`${date}T00:00:00`);
  next.setDate(next.getDate() + 1);
  return next.toISOString();
}

export function auditViewFrom(search: URLSearchParams): AuditView {
  const fromDate = DATE.test(search.get("from") ?? "") ? (search.get("from") ?? "") : "";
  const toDate = DATE.test(search.get("to") ?? "") ? (search.get("to") ?? "") : "";
  const page = Number.parseInt(search.get("page") ?? "1", 10);
  const filters: AuditFilters = {};
  for (const key of ["actorId", "entityType", "entityId", "action"] as const) {
    const value = search.get(key);
    if (value) {
      filters[key] = value;
    }
  }
  if (fromDate) {
    filters.from = startOfDay(fromDate);
  }
  if (toDate) {
    filters.to = endOfDay(toDate);
  }
  return { filters, fromDate, toDate, actorUsername: search.get("actor") ?? "", page: Number.isFinite(page) && page > 0 ? page : 1 };
}
