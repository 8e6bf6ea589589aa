interface PaginationControlsProps {
  label: string;
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
}

// Server-side pages: where the reader is, and the way to the previous and next page.
export function PaginationControls({ label, page, pageSize, total, onPageChange }: PaginationControlsProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) {
    return null;
  }
  return (
    <nav className="pagination" aria-label={label}>
      <button type="button" className="button button-small" disabled={page <= 1} onClick={() => onPageChange(page - 1)}>
        Previous
      </button>
      <span className="pagination-status">
        Page {page} of {pages}
      </span>
      <button type="button" className="button button-small" disabled={page >= pages} onClick={() => onPageChange(page + 1)}>
        Next
      </button>
    </nav>
  );
}
