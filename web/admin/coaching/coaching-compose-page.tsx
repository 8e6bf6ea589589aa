import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { COACHING_MESSAGE_MAX, coachingBodySchema, type CoachingRecipientAgent, type CoachingTargetInput, type SentCoachingMessage } from "../../../common/api/coaching.ts";
import { fieldErrorsFromApiError } from "../../api/field-errors.ts";
import { coachingQueryKeys, listCoachingRecipients, sendCoachingMessage } from "../../api/coaching.api.ts";
import { LoadError } from "../../components/load-error.tsx";
import { TextareaField } from "../../components/textarea-field.tsx";
import { useDocumentTitle } from "../../hooks/use-document-title.ts";
import { PaginationControls } from "../groups/pagination-controls.tsx";
import { useDebouncedValue } from "../groups/use-debounced-value.ts";
import { groupTarget, NO_FILTERS, recipientListParams, type RecipientFilterValues } from "./compose-selection.ts";
import { ConfirmSendDialog } from "./confirm-send-dialog.tsx";
import { RecipientFilters } from "./recipient-filters.tsx";
import { RecipientList } from "./recipient-list.tsx";
import "./coaching.css";

const PAGE_SIZE = 25;

function sentText(message: SentCoachingMessage): string {
  if (message.target.kind === "agent") {
    return message.deliveredCount === 1 ? `Sent to ${message.target.name}.` : `Sent to ${message.target.name}, who gets it when they next sign in or come back from a break.`;
  }
  const waiting = message.recipientCount - message.deliveredCount;
  const later = waiting > 0 ? ` ${waiting} ${waiting === 1 ? "gets" : "get"} it when they next sign in or come back from a break.` : "";
  return `Sent to ${message.recipientCount} ${message.recipientCount === 1 ? "agent" : "agents"}.${later}`;
}

// seed 001, the Coaching page: the agent list with its filters on the left, the message and the "send to"
// buttons on the right, and a confirmation with the agent's name or the number of agents before it leaves.
export function CoachingComposePage() {
  useDocumentTitle("Coaching");
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<RecipientFilterValues>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const [agent, setAgent] = useState<CoachingRecipientAgent | null>(null);
  const [body, setBody] = useState("");
  const [bodyError, setBodyError] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState<{ body: string; target: CoachingTargetInput } | null>(null);
  const [outcome, setOutcome] = useState("");
  const search = useDebouncedValue(filters.search);
  const params = recipientListParams({ ...filters, search }, page, PAGE_SIZE);
  const agents = useQuery({ queryKey: coachingQueryKeys.recipients(params), queryFn: () => listCoachingRecipients(params), placeholderData: keepPreviousData });
  const group = groupTarget(filters);
  const send = useMutation({
    mutationFn: (request: { body: string; target: CoachingTargetInput }) => sendCoachingMessage(request.body, request.target),
    onSuccess: (message) => {
      setPending(null);
      setBody("");
      setOutcome(sentText(message));
      void queryClient.invalidateQueries({ queryKey: coachingQueryKeys.all });
    },
    onError: (error) => {
      const fieldErrors = fieldErrorsFromApiError(error);
      if (fieldErrors.body) {
        setBodyError(fieldErrors.body);
        setPending(null);
      }
    },
  });

  const changeFilters = (changes: Partial<RecipientFilterValues>) => {
    setFilters((current) => ({ ...current, ...changes }));
    setPage(1);
  };
  const confirm = (target: CoachingTargetInput | null) => {
    const parsed = coachingBodySchema.safeParse(body);
    if (!parsed.success) {
      setBodyError(parsed.error.issues[0]?.message.replace(/^body: /, "").replace(/^./, (first) => first.toUpperCase()));
      return;
    }
    if (target) {
      setBodyError(undefined);
      setOutcome("");
      send.reset();
      setPending({ body: parsed.data, target });
    }
  };

  return (
    <>
      <h1 className="page-title">Coaching</h1>
      <p className="page-intro">Send a message to one agent or to a group. It shows on their desktop at once, or when they next sign in or come back from a break. Agents cannot reply, and a sent message cannot be undone.</p>
      <div className="coaching-compose">
        <section className="section" aria-labelledby="coaching-agents-title">
          <h2 className="section-title" id="coaching-agents-title">
            Agents
          </h2>
          <RecipientFilters values={filters} onChange={changeFilters} />
          {agents.data ? (
            <>
              <p className="coaching-count" role="status">
                {agents.data.total} {agents.data.total === 1 ? "agent" : "agents"}
              </p>
              <RecipientList agents={agents.data.items} selectedId={agent?.id ?? null} onSelect={setAgent} />
              <PaginationControls label="Agent pages" page={page} pageSize={PAGE_SIZE} total={agents.data.total} onPageChange={setPage} />
            </>
          ) : agents.isError ? (
            <LoadError message="The agents could not be loaded." onRetry={() => void agents.refetch()} />
          ) : (
            <p role="status">Loading…</p>
          )}
        </section>
        <section className="section coaching-message" aria-labelledby="coaching-message-title">
          <h2 className="section-title" id="coaching-message-title">
            Message
          </h2>
          <form className="form" noValidate onSubmit={(event) => event.preventDefault()} aria-labelledby="coaching-message-title">
            <TextareaField label="Message" value={body} onChange={setBody} maxLength={COACHING_MESSAGE_MAX} hint={`${body.length} of ${COACHING_MESSAGE_MAX} characters`} error={bodyError} />
            <div className="coaching-send-buttons">
              <button type="button" className="button button-primary" aria-disabled={agent === null} onClick={() => agent && confirm({ kind: "agent", agentId: agent.id })}>
                {agent ? `Send to ${agent.fullName}` : "Send to agent"}
              </button>
              <button type="button" className="button button-primary" aria-disabled={group === null} onClick={() => confirm(group)}>
                Send to group
              </button>
            </div>
            <p className="field-hint">
              {agent ? `Chosen agent: ${agent.fullName}. ` : "Choose an agent in the list, or "}
              {agent ? "Or pick" : "pick"} a group in the filters to message all its agents.
            </p>
            <p className="form-status" role="status">
              {outcome}
            </p>
          </form>
        </section>
      </div>
      <ConfirmSendDialog
        pending={pending}
        busy={send.isPending}
        error={send.isError && !fieldErrorsFromApiError(send.error).body ? send.error.message : null}
        onConfirm={() => pending && send.mutate(pending)}
        onCancel={() => setPending(null)}
      />
    </>
  );
}
