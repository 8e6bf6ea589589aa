import { auditEntrySchema, type AuditEntry, type AuditQuery } from "../../common/api/audit.ts";
import { pageSchema, type Page } from "../../common/api/pagination.ts";
import { requestJson } from "./http-client.ts";

export type AuditFilters = Partial<Omit<AuditQuery, "page" | "pageSize">>;

export const auditQueryKeys = {
  list: (filters: AuditFilters, page: number) => ["audit", filters, page] as const,
};

const auditPageSchema = pageSchema(auditEntrySchema);

export async function fetchAuditLog(filters: AuditFilters, page: number, pageSize: number): Promise<Page<AuditEntry>> {
  const search = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  for (const [key, value] of Object.entries(filters)) {
    if (value) {
      search.set(key, value);
    }
  }
  return requestJson(`/api/v1/audit?${search.toString()}`, auditPageSchema);
}
