import { useState } from "react";

type CopyResult = "idle" | "copied" | "failed";

const RESULT_MESSAGES: Record<CopyResult, string> = {
  idle: "",
  copied: "Copied to the clipboard.",
  failed: "Could not copy: select the text and copy it yourself.",
};

// Copies text; the outcome is announced in a polite live region next to the button.
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [result, setResult] = useState<CopyResult>("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setResult("copied");
    } catch {
      // The clipboard API exists only on secure origins (https or localhost) and may be refused.
      setResult("failed");
    }
  };
  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => {
          void copy();
        }}
      >
        {label}
      </button>
      <span className="copy-result" role="status">
        {RESULT_MESSAGES[result]}
      </span>
    </>
  );
}
