import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { updateContactRequestSchema, type Contact } from "../../common/api/contacts.ts";
import { CONTACT_STATUS_LABELS, type ContactStatus } from "../../common/domain/contacts.ts";
import { isApiError } from "../api/api-error.ts";
import { contactQueryKeys, fetchContact, updateContact } from "../api/contacts.api.ts";
import { fieldErrorsFromApiError, fieldErrorsFromZodError, type FieldErrors } from "../api/field-errors.ts";
import { FormAlert } from "../components/form-alert.tsx";
import { LoadError } from "../components/load-error.tsx";
import { SelectField } from "../components/select-field.tsx";
import { TextField } from "../components/text-field.tsx";
import { TextareaField } from "../components/textarea-field.tsx";
import { useDocumentTitle } from "../hooks/use-document-title.ts";
import { ContactHistory } from "./contact-history.tsx";
import { STATUS_OPTIONS } from "./contact-form-dialog.tsx";
import { MergeContactForm } from "./merge-contact-form.tsx";
import "./contacts.css";

// One lead or customer: the card (edit), whether their number opted out of texts, and the history of their
// conversations with each one's messages. Admins and supervisors may merge it into another contact.
export function ContactPage({ basePath, canMerge }: { basePath: string; canMerge: boolean }) {
  const { contactId = "" } = useParams();
  const contact = useQuery({ queryKey: contactQueryKeys.one(contactId), queryFn: () => fetchContact(contactId) });
  useDocumentTitle(contact.data?.name ?? "Contact");
  return (
    <>
      <p className="breadcrumb">
        <Link to={basePath}>Contacts</Link>
      </p>
      {contact.isError ? <LoadError message="The contact could not be loaded." onRetry={() => void contact.refetch()} /> : null}
      {contact.isPending ? <p role="status">Loading…</p> : null}
      {contact.data ? (
        <>
          <h1 className="page-title">
            {contact.data.name} <span className={`contact-status contact-status-${contact.data.status}`}>{CONTACT_STATUS_LABELS[contact.data.status]}</span>
          </h1>
          <p className="contact-opt-out" role="status">
            {contact.data.optOut?.optedOut
              ? `Opted out of texts (${contact.data.optOut.keyword}, ${new Date(contact.data.optOut.changedAt).toLocaleString()}): replies are refused until they text START.`
              : "Receives texts."}
          </p>
          <ContactEditForm key={contact.data.updatedAt} contact={contact.data} />
          {canMerge ? <MergeContactForm contact={contact.data} basePath={basePath} /> : null}
          <ContactHistory contactId={contact.data.id} />
        </>
      ) : null}
    </>
  );
}

function ContactEditForm({ contact }: { contact: Contact }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(contact.name);
  const [status, setStatus] = useState<ContactStatus>(contact.status);
  const [phone, setPhone] = useState(contact.phone ?? "");
  const [email, setEmail] = useState(contact.email ?? "");
  const [notes, setNotes] = useState(contact.notes ?? "");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (changes: Record<string, string>) => updateContact(contact.id, changes),
    onSuccess: (updated) => {
      queryClient.setQueryData(contactQueryKeys.one(contact.id), updated);
      void queryClient.invalidateQueries({ queryKey: ["contacts", "list"] });
      setSaved(true);
    },
    onError: (error) => setErrors(isApiError(error) && error.code === "contact_phone_taken" ? { phone: "Another contact has this number" } : fieldErrorsFromApiError(error)),
  });
  // Only what the reader changed is sent: a masked reader never writes back the masked values shown.
  const changes = Object.fromEntries(
    Object.entries({ name, status, phone, email, notes }).filter(([field, value]) => value !== ({ name: contact.name, status: contact.status, phone: contact.phone ?? "", email: contact.email ?? "", notes: contact.notes ?? "" } as Record<string, string>)[field]),
  );
  return (
    <form
      className="form contact-form"
      noValidate
      aria-label="Contact details"
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = updateContactRequestSchema.safeParse(changes);
        if (!parsed.success) {
          setErrors(fieldErrorsFromZodError(parsed.error));
          return;
        }
        setErrors({});
        setSaved(false);
        save.mutate(changes);
      }}
      onChange={() => setSaved(false)}
    >
      <TextField label="Name" value={name} onChange={setName} error={errors.name} maxLength={200} autoComplete="off" />
      <SelectField label="Status" value={status} options={STATUS_OPTIONS} onChange={setStatus} error={errors.status} />
      <TextField label="Phone" type="tel" value={phone} onChange={setPhone} error={errors.phone} autoComplete="off" />
      <TextField label="E-mail" type="email" value={email} onChange={setEmail} error={errors.email} autoComplete="off" />
      <TextareaField label="Notes" value={notes} onChange={setNotes} maxLength={4000} error={errors.notes} />
      <FormAlert message={isApiError(save.error) && Object.keys(errors).length === 0 ? save.error.message : null} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-disabled={save.isPending || Object.keys(changes).length === 0}>
          Save
        </button>
        <p className="form-status" role="status">
          {saved ? "Saved." : ""}
        </p>
      </div>
    </form>
  );
}

