import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { TryMomentsResponse } from "../../common/api/moments.ts";
import { isApiError } from "../api/api-error.ts";
import { tryMoments } from "../api/moments.api.ts";
import { SelectField } from "../components/select-field.tsx";
import { TextareaField } from "../components/textarea-field.tsx";

interface TryItBoxProps {
  /** The criteria being edited, sent as they are now. */
  criteria: () => unknown;
}

// issue 7, item 7: "a 'try it' box that shows what a sample text would fire": the criteria being edited and your
// saved notifications, matched by the server's own matcher.
export function TryItBox({ criteria }: TryItBoxProps) {
  const [text, setText] = useState("");
  const [speaker, setSpeaker] = useState<"customer" | "agent">("customer");
  const attempt = useMutation({ mutationFn: () => tryMoments({ text, speaker, criteria: criteria() as never }) });
  return (
    <section className="moments-try" aria-label="Try it">
      <h3 className="section-title">Try it</h3>
      <TextareaField label="Sample text" value={text} onChange={setText} maxLength={5000} hint="What a customer or agent might say." />
      <SelectField
        label="Said by"
        value={speaker}
        options={[
          { value: "customer", label: "The customer" },
          { value: "agent", label: "The agent" },
        ]}
        onChange={setSpeaker}
      />
      <button type="button" className="button" disabled={text.trim() === "" || attempt.isPending} onClick={() => attempt.mutate()}>
        Try
      </button>
      {attempt.isError ? <p role="alert">{isApiError(attempt.error) ? attempt.error.message : "Could not try this text."}</p> : null}
      {attempt.data ? <TryResults results={attempt.data.results} /> : null}
    </section>
  );
}

function TryResults({ results }: { results: TryMomentsResponse["results"] }) {
  if (results.length === 0) {
    return <p role="status">Nothing would fire.</p>;
  }
  return (
    <ul className="moments-try-results" role="status" aria-label="What would fire">
      {results.map((result) => (
        <li key={result.notificationId ?? "draft"}>
          <strong>{result.name}</strong>: {result.fires ? "would fire" : `would not fire. ${result.reason ?? ""}`}
          {result.matches.length > 0 ? (
            <span className="moments-try-matches"> (matched {result.matches.map((match) => `“${match.matchedText}” for ${match.phrase}`).join(", ")})</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
