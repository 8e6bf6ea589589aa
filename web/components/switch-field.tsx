import { useId } from "react";

interface SwitchFieldProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string | undefined;
  error?: string | undefined;
  disabled?: boolean;
}

// An on/off setting: a native checkbox a screen reader announces as a switch, with its hint and its error
// tied to it, like TextField.
export function SwitchField({ label, checked, onChange, hint, error, disabled = false }: SwitchFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className="switch-field">
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="switch-input"
        checked={checked}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label className="switch-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p className="field-hint switch-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <p className="field-error switch-hint" id={errorId}>
        {error}
      </p>
    </div>
  );
}
