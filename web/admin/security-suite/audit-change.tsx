import type { AuditEntry } from "../../../common/api/audit.ts";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  if (value === undefined) {
    return "—";
  }
  return typeof value === "string" ? value : JSON.stringify(value, null, 1);
}

// What changed, field by field: before and after side by side, the changed fields first and marked.
export function AuditChange({ entry }: { entry: AuditEntry }) {
  const before = isRecord(entry.before) ? entry.before : {};
  const after = isRecord(entry.after) ? entry.after : {};
  if (!isRecord(entry.before) && !isRecord(entry.after)) {
    return <p>{entry.before === null && entry.after === null ? "No details were recorded for this change." : `${shown(entry.before)} → ${shown(entry.after)}`}</p>;
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changed = (key: string) => JSON.stringify(before[key]) !== JSON.stringify(after[key]);
  const ordered = [...keys.filter(changed), ...keys.filter((key) => !changed(key))];
  return (
    <table className="table audit-change">
      <caption className="visually-hidden">Before and after: {entry.summary}</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {ordered.map((key) => (
          <tr key={key} className={changed(key) ? "audit-changed" : undefined}>
            <th scope="row">
              {key}
              {changed(key) ? <span className="visually-hidden"> (changed)</span> : null}
            </th>
            <td>
              <pre className="audit-value">{shown(before[key])}</pre>
            </td>
            <td>
              <pre className="audit-value">{shown(after[key])}</pre>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
