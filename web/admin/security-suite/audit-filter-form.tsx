import { useId, useState, type FormEvent } from "react";
import { TextField } from "../../components/text-field.tsx";
import { ENTITY_TYPES, type AuditView } from "./audit-filters.ts";

export interface AuditFilterValues {
  entityType: string;
  action: string;
  fromDate: string;
  toDate: string;
}

const COMMON_ACTIONS = [
  "agent.created",
  "agent.updated",
  "agent.deleted",
  "agent.password_changed",
  "settings.updated",
  "user.disabled",
  "user.enabled",
  "user.unlocked",
  "user.masking_enabled",
  "user.masking_disabled",
  "user.mfa_reset",
  "user.password_reset",
  "team.created",
  "queue.created",
];

interface AuditFilterFormProps {
  view: AuditView;
  onApply: (values: AuditFilterValues) => void;
  onClearActor: () => void;
  onClearAll: () => void;
}

// Filters of the audit log: entity type, action, a date range; the actor is chosen from a row of the table.
export function AuditFilterForm({ view, onApply, onClearActor, onClearAll }: AuditFilterFormProps) {
  const entityTypeId = useId();
  const actionListId = useId();
  const [entityType, setEntityType] = useState(view.filters.entityType ?? "");
  const [action, setAction] = useState(view.filters.action ?? "");
  const [fromDate, setFromDate] = useState(view.fromDate);
  const [toDate, setToDate] = useState(view.toDate);
  const [problem, setProblem] = useState<string | undefined>(undefined);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (fromDate && toDate && toDate < fromDate) {
      setProblem("On or after the start date");
      return;
    }
    setProblem(undefined);
    onApply({ entityType, action: action.trim(), fromDate, toDate });
  };

  return (
    <form className="form audit-filters" onSubmit={handleSubmit} noValidate aria-label="Filter the audit log">
      <div className="audit-filter-fields">
        <div className="field">
          <label className="field-label" htmlFor={entityTypeId}>
            Entity type
          </label>
          <select id={entityTypeId} className="field-input" value={entityType} onChange={(event) => setEntityType(event.target.value)}>
            <option value="">Any</option>
            {ENTITY_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </div>
        <TextField label="Action" name="action" list={actionListId} placeholder="e.g. user.disabled" value={action} onChange={setAction} />
        <datalist id={actionListId}>
          {COMMON_ACTIONS.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <TextField label="From" name="from" type="date" value={fromDate} onChange={setFromDate} />
        <TextField label="To" name="to" type="date" value={toDate} onChange={setToDate} error={problem} />
      </div>
      {view.filters.actorId ? (
        <p className="audit-actor-filter">
          Changes by <strong>{view.actorUsername || "one person"}</strong>{" "}
          <button type="button" className="button button-small" onClick={onClearActor}>
            Show everyone’s
          </button>
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          Apply filters
        </button>
        <button type="button" className="button" onClick={onClearAll}>
          Clear filters
        </button>
      </div>
    </form>
  );
}
