import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { MomentContent } from "../../common/api/moments.ts";
import { isApiError } from "../api/api-error.ts";
import { createMomentContent, momentsQueryKeys, updateMomentContent } from "../api/moments.api.ts";
import { FormAlert } from "../components/form-alert.tsx";
import { TextField } from "../components/text-field.tsx";
import { momentFieldErrors } from "./moments-form.ts";
import { RichTextField } from "./rich-text-field.tsx";

interface ContentEditorProps {
  content?: MomentContent | undefined;
  onDone: () => void;
}

// A content item (issue 7, item 2): title, rich text (sanitised by the server), links; reusable by notifications.
export function ContentEditor({ content, onDone }: ContentEditorProps) {
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(content?.title ?? "");
  const [bodyHtml, setBodyHtml] = useState(content?.bodyHtml ?? "");
  const [links, setLinks] = useState(content?.links ?? []);
  const save = useMutation({
    mutationFn: () => {
      const body = { title, bodyHtml, links: links.filter((link) => link.label.trim() !== "" || link.url.trim() !== "") };
      return content ? updateMomentContent(content.id, body) : createMomentContent(body);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: momentsQueryKeys.contents });
      onDone();
    },
  });
  const errors = save.isError ? momentFieldErrors(save.error) : {};
  const formError = save.isError && Object.keys(errors).length === 0 ? (isApiError(save.error) ? save.error.message : "The content item was not saved. Try again.") : null;
  const setLink = (index: number, field: "label" | "url", value: string) => setLinks((current) => current.map((link, position) => (position === index ? { ...link, [field]: value } : link)));

  return (
    <form
      className="form moments-editor"
      aria-label={content ? `Edit ${content.title}` : "New content item"}
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <h2 className="section-title">{content ? `Edit ${content.title}` : "New content item"}</h2>
      <FormAlert message={formError ?? errors.form ?? null} />
      <TextField label="Title" value={title} onChange={setTitle} maxLength={200} error={errors.title} />
      <RichTextField label="Text" value={bodyHtml} onChange={setBodyHtml} error={errors.bodyHtml} />
      <fieldset className="choice-fieldset">
        <legend className="field-label">Links</legend>
        {links.map((link, index) => (
          <div key={index} className="form-inline">
            <TextField label={`Link ${index + 1} label`} value={link.label} onChange={(value) => setLink(index, "label", value)} />
            <TextField label={`Link ${index + 1} address`} value={link.url} onChange={(value) => setLink(index, "url", value)} placeholder="https://" />
            <button type="button" className="button button-small" onClick={() => setLinks((current) => current.filter((_link, position) => position !== index))}>
              Remove link {index + 1}
            </button>
          </div>
        ))}
        {errors.links ? (
          <p className="field-error" role="alert">
            {errors.links}
          </p>
        ) : null}
        <button type="button" className="button button-small" onClick={() => setLinks((current) => [...current, { label: "", url: "" }])}>
          Add a link
        </button>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {content ? "Save content" : "Create content"}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
