export interface CheckboxChoice {
  id: string;
  label: string;
}

interface CheckboxGroupProps {
  legend: string;
  choices: readonly CheckboxChoice[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  empty?: string;
  error?: string | undefined;
}

// A labelled group of checkboxes (teams, agents, channels, content items), with its error under the legend.
export function CheckboxGroup({ legend, choices, selected, onChange, empty = "None yet.", error }: CheckboxGroupProps) {
  const toggle = (id: string, checked: boolean) => onChange(checked ? [...selected, id] : selected.filter((value) => value !== id));
  return (
    <fieldset className="choice-fieldset" aria-invalid={error ? true : undefined}>
      <legend className="field-label">{legend}</legend>
      {choices.length === 0 ? <p className="field-hint">{empty}</p> : null}
      <ul className="choice-list moments-choice-list">
        {choices.map((choice) => (
          <li key={choice.id} className="choice-item">
            <label>
              <input type="checkbox" checked={selected.includes(choice.id)} onChange={(event) => toggle(choice.id, event.target.checked)} /> {choice.label}
            </label>
          </li>
        ))}
      </ul>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
