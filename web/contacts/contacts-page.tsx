import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { CONTACT_STATUS_LABELS } from "../../common/domain/contacts.ts";
import { contactQueryKeys, fetchContacts } from "../api/contacts.api.ts";
import { LoadError } from "../components/load-error.tsx";
import { SelectField } from "../components/select-field.tsx";
import { TextField } from "../components/text-field.tsx";
import { useDocumentTitle } from "../hooks/use-document-title.ts";
import { PaginationControls } from "../admin/groups/pagination-controls.tsx";
import { useDebouncedValue } from "../admin/groups/use-debounced-value.ts";
import { ContactFormDialog, STATUS_OPTIONS } from "./contact-form-dialog.tsx";
import "./contacts.css";

const PAGE_SIZE = 25;

// The contact book (issue 5, item 4): leads and customers by name, searched by name, phone or e-mail. The server
// masks what a reader with "mask sensitive data" may not see, and then matches whole values only.
export function ContactsPage({ basePath }: { basePath: string }) {
  useDocumentTitle("Contacts");
  const navigate = useNavigate();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState("");
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const debounced = useDebouncedValue(search.trim(), 300);
  const contacts = useQuery({
    queryKey: contactQueryKeys.list(debounced, status, page),
    queryFn: () => fetchContacts({ search: debounced, status, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <div className="page-heading">
        <h1 className="page-title">Contacts</h1>
        <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
          New contact
        </button>
      </div>
      <div className="contact-filters" role="search">
        <TextField
          label="Search"
          type="search"
          value={search}
          onChange={(value) => {
            setSearch(value);
            setPage(1);
          }}
          hint="A name, phone number or e-mail address."
        />
        <SelectField
          label="Status"
          value={status}
          options={[{ value: "", label: "Leads and customers" }, ...STATUS_OPTIONS]}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
        />
      </div>
      {contacts.isError ? <LoadError message="The contacts could not be loaded." onRetry={() => void contacts.refetch()} /> : null}
      {contacts.isPending ? <p role="status">Loading…</p> : null}
      {contacts.data && contacts.data.items.length === 0 ? (
        <div className="empty-state">
          <p>No contact matches.</p>
        </div>
      ) : null}
      {contacts.data && contacts.data.items.length > 0 ? (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Contacts, {contacts.data.total} in all</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Phone</th>
                <th scope="col">E-mail</th>
                <th scope="col">Texts</th>
              </tr>
            </thead>
            <tbody>
              {contacts.data.items.map((contact) => (
                <tr key={contact.id}>
                  <th scope="row">
                    <Link to={`${basePath}/${contact.id}`}>{contact.name}</Link>
                  </th>
                  <td>{CONTACT_STATUS_LABELS[contact.status]}</td>
                  <td>{contact.phone ?? "—"}</td>
                  <td>{contact.email ?? "—"}</td>
                  <td>{contact.optOut?.optedOut ? "Opted out" : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {contacts.data ? <PaginationControls label="Contact pages" page={page} pageSize={PAGE_SIZE} total={contacts.data.total} onPageChange={setPage} /> : null}
      {creating ? <ContactFormDialog onClose={() => setCreating(false)} onCreated={(created) => void navigate(`${basePath}/${created.id}`)} /> : null}
    </>
  );
}
