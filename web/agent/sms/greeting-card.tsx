import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { classifyConversationRequestSchema, type ClassifyConversationRequest } from "../../../common/api/contacts.ts";
import type { Interaction } from "../../../common/api/interactions.ts";
import { CONTACT_STATUS_LABELS } from "../../../common/domain/contacts.ts";
import { isApiError } from "../../api/api-error.ts";
import { classifyConversation, contactQueryKeys, fetchContacts } from "../../api/contacts.api.ts";
import { fieldErrorsFromApiError, fieldErrorsFromZodError, type FieldErrors } from "../../api/field-errors.ts";
import { FormAlert } from "../../components/form-alert.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useDebouncedValue } from "../../admin/groups/use-debounced-value.ts";
import { withInteraction } from "../inbox-cache.ts";
import { updateInbox } from "../inbox-queries.ts";

type Choice = "lead" | "customer" | "match";

const CHOICES: readonly { value: Choice; label: string }[] = [
  { value: "lead", label: "A new lead" },
  { value: "customer", label: "A new customer" },
  { value: "match", label: "An existing lead or customer" },
];

// The greeting step (product.md, Two-way texting): an unknown number is classified as a new lead, a new customer,
// or matched to an existing contact. There is no "other": an agent who wants none just closes the conversation.
export function GreetingCard({ interaction }: { interaction: Interaction }) {
  const queryClient = useQueryClient();
  const titleId = useId();
  const [choice, setChoice] = useState<Choice>("lead");
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [search, setSearch] = useState("");
  const [contactId, setContactId] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const debounced = useDebouncedValue(search.trim(), 300);
  const matches = useQuery({
    queryKey: contactQueryKeys.list(debounced, "", 1),
    queryFn: () => fetchContacts({ search: debounced, status: "", page: 1, pageSize: 8 }),
    enabled: choice === "match" && debounced.length >= 2,
  });

  const save = useMutation({
    mutationFn: (request: ClassifyConversationRequest) => classifyConversation(interaction.id, request),
    onSuccess: (classified) => updateInbox(queryClient, (inbox) => withInteraction(inbox, classified)),
    onError: (error) => setErrors(fieldErrorsFromApiError(error)),
  });

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const request = choice === "match" ? { kind: "match", contactId: contactId ?? "" } : { kind: "new", status: choice, name, email };
    const parsed = classifyConversationRequestSchema.safeParse(request);
    if (!parsed.success) {
      setErrors(choice === "match" && contactId === null ? { contactId: "Choose the contact this number belongs to" } : fieldErrorsFromZodError(parsed.error));
      return;
    }
    setErrors({});
    save.mutate(request as ClassifyConversationRequest);
  };

  return (
    <section className="greeting-card" aria-labelledby={titleId}>
      <h3 className="greeting-card-title" id={titleId}>
        Who is {interaction.customerAddress}?
      </h3>
      <form className="form" onSubmit={submit} noValidate>
        <fieldset className="choice-group">
          <legend className="field-label">This number is</legend>
          {CHOICES.map((item) => (
            <label key={item.value} className="choice">
              <input type="radio" name={`greeting-${interaction.id}`} value={item.value} checked={choice === item.value} onChange={() => setChoice(item.value)} />
              {item.label}
            </label>
          ))}
        </fieldset>
        {choice === "match" ? (
          <>
            <TextField label="Find the contact" type="search" value={search} onChange={setSearch} hint="A name, phone number or e-mail address." error={errors.contactId} autoComplete="off" />
            {matches.data ? (
              matches.data.items.length === 0 ? (
                <p role="status">No contact matches.</p>
              ) : (
                <fieldset className="choice-group">
                  <legend className="visually-hidden">Matching contacts</legend>
                  {matches.data.items.map((contact) => (
                    <label key={contact.id} className="choice">
                      <input type="radio" name={`greeting-match-${interaction.id}`} value={contact.id} checked={contactId === contact.id} onChange={() => setContactId(contact.id)} />
                      {contact.name} ({CONTACT_STATUS_LABELS[contact.status]}){contact.phone ? `, ${contact.phone}` : ""}
                    </label>
                  ))}
                </fieldset>
              )
            ) : null}
          </>
        ) : (
          <>
            <TextField label="Name" value={name} onChange={setName} error={errors.name} autoComplete="off" maxLength={200} />
            <TextField label="E-mail (optional)" type="email" value={email} onChange={setEmail} error={errors.email} autoComplete="off" />
          </>
        )}
        <FormAlert message={isApiError(save.error) && Object.keys(fieldErrorsFromApiError(save.error)).length === 0 ? save.error.message : null} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" aria-disabled={save.isPending}>
            {choice === "match" ? "Match this number" : `Save as a ${CONTACT_STATUS_LABELS[choice].toLowerCase()}`}
          </button>
        </div>
      </form>
    </section>
  );
}
