interface AgentsPaginationProps {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
}

// Server-side pages: where the reader is, how many agents match, the way to the previous and next page.
export function AgentsPagination({ page, pageSize, total, onPageChange }: AgentsPaginationProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className="agents-pagination" aria-label="Agent pages">
      <p className="agents-muted" role="status">
        {total === 0 ? "No agents" : `${first}–${last} of ${total} agents`}
      </p>
      <button type="button" className="button button-small" disabled={page <= 1} onClick={() => onPageChange(page - 1)}>
        Previous
      </button>
      <span className="agents-muted">
        Page {Math.min(page, pages)} of {pages}
      </span>
      <button type="button" className="button button-small" disabled={page >= pages} onClick={() => onPageChange(page + 1)}>
        Next
      </button>
    </nav>
  );
}
