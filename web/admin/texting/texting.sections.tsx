import { ContactPage } from "../../contacts/contact-page.tsx";
import { ContactsPage } from "../../contacts/contacts-page.tsx";
import type { ConsoleSection } from "../console-section.ts";
import { MessageTemplatesPage } from "./message-templates-page.tsx";

// Two-way texting (issue 5): the contact book (merging is for admins and supervisors) and the message templates.
export const textingSections: ConsoleSection[] = [
  {
    path: "contacts",
    label: "Contacts",
    roles: ["admin", "supervisor"],
    element: <ContactsPage basePath="/admin/contacts" />,
    children: [{ path: ":contactId", element: <ContactPage basePath="/admin/contacts" canMerge /> }],
  },
  { path: "message-templates", label: "Message templates", roles: ["admin"], element: <MessageTemplatesPage /> },
];
