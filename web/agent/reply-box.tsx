import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent, type KeyboardEvent } from "react";
import { replyRequestSchema, type Interaction, type InteractionMessage } from "../../common/api/interactions.ts";
import { MESSAGE_BODY_MAX } from "../../common/domain/interactions.ts";
import { isApiError } from "../api/api-error.ts";
import { fieldErrorsFromApiError, fieldErrorsFromZodError } from "../api/field-errors.ts";
import { inboxQueryKeys, sendReply } from "../api/inbox.api.ts";
import { useDesktopState } from "./desktop-state.ts";
import { withMessage } from "./inbox-cache.ts";
import { TemplatePicker } from "./template-picker.tsx";

// The agent's reply: Enter sends, Shift+Enter starts a new line. The same schema as the server checks it first;
// the server's refusal shows under the field. The error line keeps its height, so nothing jumps.
export function ReplyBox({ interaction, refusal = null }: { interaction: Interaction; /** Why nothing can be sent now (an opt-out). */ refusal?: string | null }) {
  const queryClient = useQueryClient();
  const desktop = useDesktopState();
  const fieldId = useId();
  const errorId = `${fieldId}-error`;
  const hintId = `${fieldId}-hint`;
  const [text, setText] = useState(() => desktop.draftOf(interaction.id));
  const [error, setError] = useState<string | null>(null);

  const send = useMutation({
    mutationFn: (body: string) => sendReply(interaction.id, body),
    onSuccess: (message) => {
      queryClient.setQueryData<InteractionMessage[]>(inboxQueryKeys.messages(interaction.id), (messages) => withMessage(messages ?? [], message));
      setText("");
      desktop.saveDraft(interaction.id, "");
    },
    onError: (failure) => {
      setError(fieldErrorsFromApiError(failure).body ?? (isApiError(failure) ? failure.message : "The reply was not sent. Try again."));
    },
  });

  const insertTemplate = (body: string): void => {
    const next = text === "" ? body : `${text}${text.endsWith(" ") ? "" : " "}${body}`;
    setText(next);
    desktop.saveDraft(interaction.id, next);
  };

  const submit = (): void => {
    if (send.isPending || refusal !== null) {
      return;
    }
    const parsed = replyRequestSchema.safeParse({ body: text });
    if (!parsed.success) {
      setError(fieldErrorsFromZodError(parsed.error).body ?? "Write a message");
      return;
    }
    setError(null);
    send.mutate(parsed.data.body);
  };
  const handleKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };
  const handleSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    submit();
  };

  return (
    <form className="reply-box" onSubmit={handleSubmit} noValidate>
      <label className="field-label" htmlFor={fieldId}>
        Reply
      </label>
      <p className="field-hint" id={hintId}>
        {refusal ?? "Enter sends; Shift+Enter starts a new line. Placeholders such as {{contact.name}} are filled in when sent."}
      </p>
      <TemplatePicker onInsert={insertTemplate} />
      <div className="reply-row">
        <textarea
          id={fieldId}
          className="field-input reply-input"
          rows={3}
          maxLength={MESSAGE_BODY_MAX}
          value={text}
          disabled={refusal !== null}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          aria-keyshortcuts="Enter"
          onChange={(event) => {
            setText(event.target.value);
            desktop.saveDraft(interaction.id, event.target.value);
          }}
          onKeyDown={handleKeyDown}
        />
        <button type="submit" className="button button-primary" aria-disabled={send.isPending || refusal !== null || text.trim() === ""}>
          Send
        </button>
      </div>
      <p className="field-error" id={errorId} role="alert">
        {error}
      </p>
    </form>
  );
}
