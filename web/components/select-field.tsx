import { LabelledField } from "./labelled-field.tsx";

export interface SelectOption<Value extends string = string> {
  value: Value;
  label: string;
}

interface SelectFieldProps<Value extends string> {
  label: string;
  value: Value;
  options: readonly SelectOption<Value>[];
  onChange: (value: Value) => void;
  hint?: string | undefined;
  error?: string | undefined;
  name?: string;
  className?: string;
}

// A labelled native select with its hint and its error tied to it, like TextField: keyboard and
// screen-reader behaviour come from the browser.
export function SelectField<Value extends string>({ label, value, options, onChange, hint, error, name, className }: SelectFieldProps<Value>) {
  return (
    <LabelledField label={label} hint={hint} error={error}>
      {(control) => (
        <select
          {...control}
          name={name}
          className={className ? `field-input ${className}` : "field-input"}
          value={value}
          onChange={(event) => {
            const chosen = options.find((option) => option.value === event.target.value);
            if (chosen) {
              onChange(chosen.value);
            }
          }}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </LabelledField>
  );
}
