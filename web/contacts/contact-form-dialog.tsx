import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { createContactRequestSchema, type Contact } from "../../common/api/contacts.ts";
import { CONTACT_STATUSES, CONTACT_STATUS_LABELS, type ContactStatus } from "../../common/domain/contacts.ts";
import { isApiError } from "../api/api-error.ts";
import { contactQueryKeys, createContact } from "../api/contacts.api.ts";
import { fieldErrorsFromApiError, fieldErrorsFromZodError, hasFieldErrors, type FieldErrors } from "../api/field-errors.ts";
import { FormDialog } from "../components/form-dialog.tsx";
import { SelectField } from "../components/select-field.tsx";
import { TextField } from "../components/text-field.tsx";
import { TextareaField } from "../components/textarea-field.tsx";

export const STATUS_OPTIONS = CONTACT_STATUSES.map((status) => ({ value: status, label: CONTACT_STATUS_LABELS[status] }));

function errorsOf(error: unknown): FieldErrors {
  if (isApiError(error) && error.code === "contact_phone_taken") {
    return { phone: "Another contact has this number" };
  }
  return fieldErrorsFromApiError(error);
}

// A new lead or customer; the phone is checked with the server's own rule (E.164 with libphonenumber-js).
export function ContactFormDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (contact: Contact) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [status, setStatus] = useState<ContactStatus>("lead");
  const [phone, setPhone] = useState("");
  const [email, setEmail] = useState("");
  const [notes, setNotes] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation({
    mutationFn: createContact,
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: contactQueryKeys.all });
      onCreated(created);
    },
    onError: (error) => setErrors(errorsOf(error)),
  });
  const submit = () => {
    const request = { name, status, phone, email, notes };
    const parsed = createContactRequestSchema.safeParse(request);
    if (!parsed.success) {
      setErrors(fieldErrorsFromZodError(parsed.error));
      return;
    }
    setErrors({});
    save.mutate(request);
  };
  const failure = isApiError(save.error) && !hasFieldErrors(errorsOf(save.error)) ? save.error.message : null;
  return (
    <FormDialog open title="New contact" submitLabel="Create contact" busy={save.isPending} error={failure} onSubmit={submit} onClose={onClose}>
      <TextField label="Name" value={name} onChange={setName} error={errors.name} maxLength={200} autoComplete="off" />
      <SelectField label="Status" value={status} options={STATUS_OPTIONS} onChange={setStatus} error={errors.status} />
      <TextField label="Phone" type="tel" value={phone} onChange={setPhone} error={errors.phone} hint="With its country code: +1 415 555 0123." autoComplete="off" />
      <TextField label="E-mail" type="email" value={email} onChange={setEmail} error={errors.email} autoComplete="off" />
      <TextareaField label="Notes" value={notes} onChange={setNotes} maxLength={4000} error={errors.notes} />
    </FormDialog>
  );
}
