import { useEffect, useId, useRef } from "react";

interface RichTextFieldProps {
  label: string;
  /** HTML; the server keeps only formatting, lists and links (sanitize-html), whatever is sent. */
  value: string;
  onChange: (html: string) => void;
  error?: string | undefined;
}

const COMMANDS = [
  { command: "bold", label: "Bold" },
  { command: "italic", label: "Italic" },
  { command: "insertUnorderedList", label: "Bulleted list" },
  { command: "insertOrderedList", label: "Numbered list" },
] as const;

// A small rich-text editor: a content-editable text box with a toolbar (bold, italic, lists, link). The browser's
// editing commands produce the HTML; the server sanitises it before storing, so pasted scripts never survive.
export function RichTextField({ label, value, onChange, error }: RichTextFieldProps) {
  const id = useId();
  const editor = useRef<HTMLDivElement>(null);
  // Written once on mount and when the value is replaced from outside, never while the person types (the caret
  // would jump).
  useEffect(() => {
    if (editor.current && editor.current.innerHTML !== value && document.activeElement !== editor.current) {
      editor.current.innerHTML = value;
    }
  }, [value]);
  const run = (command: string, argument?: string) => {
    editor.current?.focus();
    document.execCommand(command, false, argument);
    onChange(editor.current?.innerHTML ?? "");
  };
  return (
    <div className="field">
      <span className="field-label" id={`${id}-label`}>
        {label}
      </span>
      <div className="moments-rich-toolbar" role="toolbar" aria-label={`${label} formatting`}>
        {COMMANDS.map((item) => (
          <button key={item.command} type="button" className="button button-small" onMouseDown={(event) => event.preventDefault()} onClick={() => run(item.command)}>
            {item.label}
          </button>
        ))}
        <button
          type="button"
          className="button button-small"
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => {
            const url = window.prompt("Link address (https://…)");
            if (url && /^https?:\/\//i.test(url)) {
              run("createLink", url);
            }
          }}
        >
          Link
        </button>
      </div>
      <div
        ref={editor}
        className="field-input moments-rich-editor"
        role="textbox"
        aria-multiline="true"
        aria-labelledby={`${id}-label`}
        aria-invalid={error ? true : undefined}
        contentEditable
        suppressContentEditableWarning
        onInput={(event) => onChange(event.currentTarget.innerHTML)}
      />
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
