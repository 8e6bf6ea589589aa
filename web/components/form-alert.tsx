// An assertive live region, present from the first render so screen readers announce any message put
// in it; empty, it takes no visible space beyond its reserved line.
export function FormAlert({ message }: { message: string | null }) {
  return (
    <div className="form-alert" role="alert">
      {message}
    </div>
  );
}
