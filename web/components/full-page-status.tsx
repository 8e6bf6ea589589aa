interface FullPageStatusProps {
  message: string;
  onRetry?: () => void;
}

// What shows before the session is known, or when it cannot be checked.
export function FullPageStatus({ message, onRetry }: FullPageStatusProps) {
  return (
    <main className="full-page-status">
      <p role={onRetry ? "alert" : "status"}>{message}</p>
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </main>
  );
}
