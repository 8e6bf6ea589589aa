import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { fetchMessageTemplates, messageTemplateQueryKeys } from "../api/message-templates.api.ts";

// Message templates (issue 5, item 6): picking one inserts its text into the reply; its placeholders stay as
// written and are filled in by the server when the reply is sent.
export function TemplatePicker({ onInsert }: { onInsert: (body: string) => void }) {
  const fieldId = useId();
  const templates = useQuery({ queryKey: messageTemplateQueryKeys.all, queryFn: fetchMessageTemplates, staleTime: 60_000 });
  const items = templates.data ?? [];
  if (items.length === 0) {
    return null;
  }
  return (
    <div className="template-picker">
      <label className="field-label" htmlFor={fieldId}>
        Insert a template
      </label>
      <select
        id={fieldId}
        className="field-input"
        value=""
        onChange={(event) => {
          const template = items.find((item) => item.id === event.target.value);
          if (template) {
            onInsert(template.body);
          }
        }}
      >
        <option value="">Choose a template…</option>
        {items.map((template) => (
          <option key={template.id} value={template.id}>
            {template.name}
          </option>
        ))}
      </select>
    </div>
  );
}
