import { useCoaching } from "./coaching-state.ts";

// seed 001: "Message alerts appear in the form of a toast message in the bottom right hand corner of the screen."
// A polite live region, so screen readers announce a new message without taking focus from the agent's work.
export function CoachingToasts() {
  const coaching = useCoaching();
  if (!coaching) {
    return null;
  }
  return (
    <section className="coaching-toast-region" aria-label="Coaching messages">
      <div className="toast-stack" aria-live="polite" aria-relevant="additions text">
        {coaching.toasts.map((toast) => (
          <div key={toast.id} className="coaching-toast">
            <p className="coaching-toast-title">{toast.title}</p>
            <p className="coaching-toast-body">{toast.body}</p>
            <div className="coaching-toast-actions">
              <button type="button" className="button button-small button-primary" onClick={coaching.openDialog}>
                View messages
              </button>
              <button type="button" className="button button-small" onClick={() => coaching.dismissToast(toast.id)}>
                Dismiss
              </button>
            </div>
          </div>
        ))}
      </div>
    </section>
  );
}
