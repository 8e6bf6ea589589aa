interface LoadErrorProps {
  message: string;
  onRetry: () => void;
}

// A part of a page that could not be loaded, with a way to try again.
export function LoadError({ message, onRetry }: LoadErrorProps) {
  return (
    <div className="load-error" role="alert">
      <p>{message}</p>
      <button type="button" className="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
