import { useId } from "react";

interface OrderedChoiceFieldProps<Option extends string> {
  legend: string;
  hint?: string;
  options: readonly Option[];
  /** The chosen options, first preferred first. */
  value: readonly Option[];
  onChange: (value: Option[]) => void;
  error?: string | undefined;
}

// Several choices in order of preference (SIP transports, codecs): a checkbox per option, the chosen ones
// first in their order, each movable up or down with a button.
export function OrderedChoiceField<Option extends string>({ legend, hint, options, value, onChange, error }: OrderedChoiceFieldProps<Option>) {
  const id = useId();
  const ordered = [...value, ...options.filter((option) => !value.includes(option))];
  const move = (option: Option, offset: -1 | 1) => {
    const next = [...value];
    const from = next.indexOf(option);
    const to = from + offset;
    if (from < 0 || to < 0 || to >= next.length) {
      return;
    }
    next.splice(from, 1);
    next.splice(to, 0, option);
    onChange(next);
  };
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <fieldset className="choice-fieldset" aria-describedby={describedBy || undefined} aria-invalid={error ? true : undefined}>
      <legend className="field-label">{legend}</legend>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <ol className="choice-list">
        {ordered.map((option) => {
          const position = value.indexOf(option);
          const chosen = position >= 0;
          return (
            <li key={option} className="choice-item">
              <label>
                <input
                  type="checkbox"
                  checked={chosen}
                  onChange={(event) => onChange(event.target.checked ? [...value, option] : value.filter((item) => item !== option))}
                />{" "}
                {option}
              </label>
              {chosen ? (
                <span className="choice-moves">
                  <button type="button" className="button button-small" aria-label={`Move ${option} up`} disabled={position === 0} onClick={() => move(option, -1)}>
                    ↑
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Move ${option} down`}
                    disabled={position === value.length - 1}
                    onClick={() => move(option, 1)}
                  >
                    ↓
                  </button>
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
      <p className="field-error" id={`${id}-error`}>
        {error}
      </p>
    </fieldset>
  );
}
