import { FormAlert } from "./form-alert.tsx";

interface SaveBarProps {
  /** The submit button's text. */
  label?: string;
  busy: boolean;
  /** "Saved." once the server has the change; empty while editing. Announced politely. */
  status: string;
  /** A failure that names no field (field errors show next to their field). */
  failure: string | null;
}

// The end of a settings form saved with one button: the failure alert, the Save button and the saved status.
export function SaveBar({ label = "Save", busy, status, failure }: SaveBarProps) {
  return (
    <>
      <FormAlert message={failure} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          {label}
        </button>
        <p className="form-status" role="status">
          {status}
        </p>
      </div>
    </>
  );
}
