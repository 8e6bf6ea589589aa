import type { InputHTMLAttributes } from "react";
import { LabelledField } from "./labelled-field.tsx";

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "onChange"> {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  error?: string | undefined;
}

// A labelled input with its hint and its error tied to it for screen readers.
export function TextField({ label, value, onChange, hint, error, className, ...inputProps }: TextFieldProps) {
  return (
    <LabelledField label={label} hint={hint} error={error}>
      {(control) => (
        <input
          {...inputProps}
          {...control}
          className={className ? `field-input ${className}` : "field-input"}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </LabelledField>
  );
}
