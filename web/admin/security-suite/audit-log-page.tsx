import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { auditQueryKeys, fetchAuditLog } from "../../api/audit.api.ts";
import { LoadError } from "../../components/load-error.tsx";
import { useDocumentTitle } from "../../hooks/use-document-title.ts";
import { AuditFilterForm, type AuditFilterValues } from "./audit-filter-form.tsx";
import { auditViewFrom } from "./audit-filters.ts";
import { AuditTable } from "./audit-table.tsx";

const PAGE_SIZE = 25;

// Issue 3, item 11: every admin change, who, what, when, before and after; admins read and filter it.
export function AuditLogPage() {
  useDocumentTitle("Audit log");
  const [search, setSearch] = useSearchParams();
  const view = auditViewFrom(search);
  const log = useQuery({
    queryKey: auditQueryKeys.list(view.filters, view.page),
    queryFn: () => fetchAuditLog(view.filters, view.page, PAGE_SIZE),
    placeholderData: keepPreviousData,
  });

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value) {
        next.set(key, value);
      } else {
        next.delete(key);
      }
    }
    if (!("page" in changes)) {
      next.delete("page");
    }
    setSearch(next);
  };
  const apply = (values: AuditFilterValues) =>
    update({ entityType: values.entityType, action: values.action, from: values.fromDate, to: values.toDate });

  const pages = log.data ? Math.max(1, Math.ceil(log.data.total / PAGE_SIZE)) : 1;
  return (
    <>
      <h1 className="page-title">Audit log</h1>
      <p className="page-intro">Every change an administrator or supervisor made: who, what, when, and the values before and after.</p>
      <AuditFilterForm
        key={search.toString()}
        view={view}
        onApply={apply}
        onClearActor={() => update({ actorId: null, actor: null })}
        onClearAll={() => setSearch(new URLSearchParams())}
      />
      <section className="section" aria-labelledby="audit-entries-title">
        <h2 className="section-title" id="audit-entries-title">
          Changes
        </h2>
        {log.data ? (
          <>
            <AuditTable entries={log.data.items} onFilterActor={(actorId, username) => update({ actorId, actor: username })} />
            <nav className="pagination" aria-label="Audit log pages">
              <button type="button" className="button button-small" aria-disabled={view.page <= 1} onClick={() => view.page > 1 && update({ page: String(view.page - 1) })}>
                Previous page
              </button>
              <p role="status">
                Page {view.page} of {pages} · {log.data.total} {log.data.total === 1 ? "change" : "changes"}
              </p>
              <button type="button" className="button button-small" aria-disabled={view.page >= pages} onClick={() => view.page < pages && update({ page: String(view.page + 1) })}>
                Next page
              </button>
            </nav>
          </>
        ) : log.isError ? (
          <LoadError message="The audit log could not be loaded." onRetry={() => void log.refetch()} />
        ) : (
          <p role="status">Loading…</p>
        )}
      </section>
    </>
  );
}
