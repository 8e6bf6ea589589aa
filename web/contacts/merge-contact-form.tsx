import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useNavigate } from "react-router";
import type { Contact } from "../../common/api/contacts.ts";
import { CONTACT_STATUS_LABELS } from "../../common/domain/contacts.ts";
import { isApiError } from "../api/api-error.ts";
import { contactQueryKeys, fetchContacts, mergeContact } from "../api/contacts.api.ts";
import { ConfirmDialog } from "../components/confirm-dialog.tsx";
import { TextField } from "../components/text-field.tsx";
import { useDebouncedValue } from "../admin/groups/use-debounced-value.ts";

// Merge (admins and supervisors): this contact goes into another one, which keeps its own fields, takes this
// one's where it has none, and all of its conversations. It cannot be undone, so it asks first.
export function MergeContactForm({ contact, basePath }: { contact: Contact; basePath: string }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const titleId = useId();
  const [search, setSearch] = useState("");
  const [target, setTarget] = useState<Contact | null>(null);
  const [confirming, setConfirming] = useState(false);
  const debounced = useDebouncedValue(search.trim(), 300);
  const candidates = useQuery({
    queryKey: contactQueryKeys.list(debounced, "", 1),
    queryFn: () => fetchContacts({ search: debounced, status: "", page: 1, pageSize: 8 }),
    enabled: debounced.length >= 2,
  });
  const merge = useMutation({
    mutationFn: (into: Contact) => mergeContact(contact.id, into.id),
    onSuccess: (survivor) => {
      void queryClient.invalidateQueries({ queryKey: contactQueryKeys.all });
      void navigate(`${basePath}/${survivor.id}`);
    },
  });
  const others = (candidates.data?.items ?? []).filter((item) => item.id !== contact.id);
  return (
    <section className="contact-merge" aria-labelledby={titleId}>
      <h2 className="section-title" id={titleId}>
        Merge into another contact
      </h2>
      <TextField label="Find the contact to keep" type="search" value={search} onChange={setSearch} autoComplete="off" />
      {others.length > 0 ? (
        <ul className="contact-merge-candidates">
          {others.map((candidate) => (
            <li key={candidate.id}>
              <button
                type="button"
                className="button button-small"
                onClick={() => {
                  setTarget(candidate);
                  setConfirming(true);
                }}
              >
                Merge into {candidate.name} ({CONTACT_STATUS_LABELS[candidate.status]})
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <ConfirmDialog
        open={confirming && target !== null}
        title={`Merge ${contact.name} into ${target?.name ?? ""}?`}
        confirmLabel="Merge"
        busy={merge.isPending}
        error={isApiError(merge.error) ? merge.error.message : null}
        onConfirm={() => {
          if (target) {
            merge.mutate(target);
          }
        }}
        onCancel={() => {
          setConfirming(false);
          merge.reset();
        }}
      >
        <p>
          {target?.name ?? ""} keeps its details and takes {contact.name}&apos;s conversations; {contact.name} is deleted. This cannot be undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}
