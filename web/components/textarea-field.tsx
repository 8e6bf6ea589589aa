import { LabelledField } from "./labelled-field.tsx";

interface TextareaFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  maxLength: number;
  hint?: string | undefined;
  error?: string | undefined;
}

// A labelled multi-line input with its hint and its error tied to it, like TextField.
export function TextareaField({ label, value, onChange, maxLength, hint, error }: TextareaFieldProps) {
  return (
    <LabelledField label={label} hint={hint} error={error}>
      {(control) => (
        <textarea {...control} className="field-input field-textarea" value={value} maxLength={maxLength} onChange={(event) => onChange(event.target.value)} />
      )}
    </LabelledField>
  );
}
