import type { CoachingLogFilters } from "../../../common/api/coaching.ts";
import { endOfDay, startOfDay } from "../security-suite/audit-filters.ts";

// The log's filters live in the page address, so a search can be reloaded and shared.
export interface CoachingLogView {
  filters: CoachingLogFilters;
  values: CoachingLogFormValues;
  page: number;
}

export interface CoachingLogFormValues {
  sender: string;
  agent: string;
  text: string;
  /** YYYY-MM-DD, the reader's days. */
  fromDate: string;
  toDate: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function coachingLogViewFrom(search: URLSearchParams): CoachingLogView {
  const text = (key: string) => (search.get(key) ?? "").slice(0, 200);
  const values: CoachingLogFormValues = {
    sender: text("sender"),
    agent: text("agent"),
    text: text("text"),
    fromDate: DATE.test(search.get("from") ?? "") ? (search.get("from") ?? "") : "",
    toDate: DATE.test(search.get("to") ?? "") ? (search.get("to") ?? "") : "",
  };
  const filters: CoachingLogFilters = {
    ...(values.sender ? { sender: values.sender } : {}),
    ...(values.agent ? { agent: values.agent } : {}),
    ...(values.text ? { text: values.text } : {}),
    ...(values.fromDate ? { from: startOfDay(values.fromDate) } : {}),
    ...(values.toDate ? { to: endOfDay(values.toDate) } : {}),
  };
  const page = Number.parseInt(search.get("page") ?? "1", 10);
  return { filters, values, page: Number.isFinite(page) && page > 0 ? page : 1 };
}
