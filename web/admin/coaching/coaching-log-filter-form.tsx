import { useState, type FormEvent } from "react";
import { TextField } from "../../components/text-field.tsx";
import type { CoachingLogFormValues } from "./coaching-log-filters.ts";

interface CoachingLogFilterFormProps {
  values: CoachingLogFormValues;
  onApply: (values: CoachingLogFormValues) => void;
  onClear: () => void;
}

// Search the permanent log by sender, agent, text and a date range (issue 6, item 5).
export function CoachingLogFilterForm({ values, onApply, onClear }: CoachingLogFilterFormProps) {
  const [draft, setDraft] = useState(values);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const set = (field: keyof CoachingLogFormValues) => (value: string) => setDraft((current) => ({ ...current, [field]: value }));
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (draft.fromDate && draft.toDate && draft.toDate < draft.fromDate) {
      setProblem("On or after the start date");
      return;
    }
    setProblem(undefined);
    onApply({ ...draft, sender: draft.sender.trim(), agent: draft.agent.trim(), text: draft.text.trim() });
  };
  return (
    <form className="form coaching-log-filters" onSubmit={handleSubmit} noValidate aria-label="Search the coaching log">
      <div className="coaching-log-filter-fields">
        <TextField label="Sender" hint="Name or username" type="search" maxLength={100} value={draft.sender} onChange={set("sender")} />
        <TextField label="Agent" hint="A recipient's name or username" type="search" maxLength={100} value={draft.agent} onChange={set("agent")} />
        <TextField label="Text" hint="Words in the message" type="search" maxLength={200} value={draft.text} onChange={set("text")} />
        <TextField label="From" type="date" value={draft.fromDate} onChange={set("fromDate")} />
        <TextField label="To" type="date" value={draft.toDate} onChange={set("toDate")} error={problem} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          Search
        </button>
        <button type="button" className="button" onClick={onClear}>
          Clear
        </button>
      </div>
    </form>
  );
}
