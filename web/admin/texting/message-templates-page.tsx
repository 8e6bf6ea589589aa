import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { createMessageTemplateRequestSchema, type MessageTemplate } from "../../../common/api/message-templates.ts";
import { TEMPLATE_PLACEHOLDERS } from "../../../common/domain/texting.ts";
import { isApiError } from "../../api/api-error.ts";
import { fieldErrorsFromApiError, fieldErrorsFromZodError, hasFieldErrors, type FieldErrors } from "../../api/field-errors.ts";
import { createMessageTemplate, deleteMessageTemplate, fetchMessageTemplates, messageTemplateQueryKeys, updateMessageTemplate } from "../../api/message-templates.api.ts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { FormDialog } from "../../components/form-dialog.tsx";
import { LoadError } from "../../components/load-error.tsx";
import { TextField } from "../../components/text-field.tsx";
import { TextareaField } from "../../components/textarea-field.tsx";
import { useDocumentTitle } from "../../hooks/use-document-title.ts";

const PLACEHOLDER_HINT = `Placeholders, filled in when the reply is sent: ${Object.entries(TEMPLATE_PLACEHOLDERS)
  .map(([name, meaning]) => `{{${name}}} (${meaning})`)
  .join("; ")}.`;

// Message templates (issue 5, item 6): admins keep the canned replies agents insert in the reply box.
export function MessageTemplatesPage() {
  useDocumentTitle("Message templates");
  const queryClient = useQueryClient();
  const templates = useQuery({ queryKey: messageTemplateQueryKeys.all, queryFn: fetchMessageTemplates });
  const [editing, setEditing] = useState<MessageTemplate | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<MessageTemplate | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const remove = useMutation({
    mutationFn: (template: MessageTemplate) => deleteMessageTemplate(template.id),
    onSuccess: (_nothing, template) => {
      void queryClient.invalidateQueries({ queryKey: messageTemplateQueryKeys.all });
      setAnnouncement(`Deleted template “${template.name}”.`);
      setDeleting(null);
    },
  });
  return (
    <>
      <div className="page-heading">
        <h1 className="page-title">Message templates</h1>
        <button type="button" className="button button-primary" onClick={() => setEditing(null)}>
          New template
        </button>
      </div>
      <p className="page-intro">Agents insert these in their replies. {PLACEHOLDER_HINT}</p>
      <p className="form-status" role="status">
        {announcement}
      </p>
      {templates.isError ? <LoadError message="The templates could not be loaded." onRetry={() => void templates.refetch()} /> : null}
      {templates.isPending ? <p role="status">Loading…</p> : null}
      {templates.data && templates.data.length === 0 ? (
        <div className="empty-state">
          <p>No templates yet.</p>
        </div>
      ) : null}
      {templates.data && templates.data.length > 0 ? (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Text</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {templates.data.map((template) => (
                <tr key={template.id}>
                  <th scope="row">{template.name}</th>
                  <td>{template.body}</td>
                  <td className="table-actions">
                    <button type="button" className="button button-small" aria-label={`Edit ${template.name}`} onClick={() => setEditing(template)}>
                      Edit
                    </button>
                    <button type="button" className="button button-small" aria-label={`Delete ${template.name}`} onClick={() => setDeleting(template)}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {editing !== undefined ? (
        <TemplateFormDialog
          key={editing?.id ?? "new"}
          template={editing}
          onClose={() => setEditing(undefined)}
          onSaved={(saved) => {
            setAnnouncement(editing ? `Saved template “${saved.name}”.` : `Created template “${saved.name}”.`);
            setEditing(undefined);
          }}
        />
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the template “${deleting?.name ?? ""}”?`}
        confirmLabel="Delete template"
        busy={remove.isPending}
        error={isApiError(remove.error) ? remove.error.message : null}
        onConfirm={() => {
          if (deleting) {
            remove.mutate(deleting);
          }
        }}
        onCancel={() => {
          setDeleting(null);
          remove.reset();
        }}
      >
        <p>Agents can no longer insert it. Replies already sent keep their text.</p>
      </ConfirmDialog>
    </>
  );
}

function errorsOf(error: unknown): FieldErrors {
  if (isApiError(error) && error.code === "template_name_taken") {
    return { name: "Already used by another template" };
  }
  return fieldErrorsFromApiError(error);
}

function TemplateFormDialog({ template, onClose, onSaved }: { template: MessageTemplate | null; onClose: () => void; onSaved: (template: MessageTemplate) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(template?.name ?? "");
  const [body, setBody] = useState(template?.body ?? "");
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation({
    mutationFn: (request: { name: string; body: string }) => (template ? updateMessageTemplate(template.id, request) : createMessageTemplate(request)),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: messageTemplateQueryKeys.all });
      onSaved(saved);
    },
    onError: (error) => setErrors(errorsOf(error)),
  });
  const submit = () => {
    const parsed = createMessageTemplateRequestSchema.safeParse({ name, body });
    if (!parsed.success) {
      setErrors(fieldErrorsFromZodError(parsed.error));
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  };
  const failure = isApiError(save.error) && !hasFieldErrors(errorsOf(save.error)) ? save.error.message : null;
  return (
    <FormDialog open title={template ? `Edit template “${template.name}”` : "New template"} submitLabel={template ? "Save" : "Create template"} busy={save.isPending} error={failure} onSubmit={submit} onClose={onClose}>
      <TextField label="Name" value={name} onChange={setName} error={errors.name} maxLength={100} autoComplete="off" />
      <TextareaField label="Text" value={body} onChange={setBody} maxLength={1600} error={errors.body} hint={PLACEHOLDER_HINT} />
    </FormDialog>
  );
}
