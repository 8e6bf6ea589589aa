import type { RouteObject } from "react-router";
import { ConsoleLayout } from "./admin/console-layout.tsx";
import type { ConsoleSection } from "./admin/console-section.ts";
import { consoleSections } from "./admin/console-sections.tsx";
import { AlertsPage } from "./agent/alerts-page.tsx";
import { DesktopLayout } from "./agent/desktop-layout.tsx";
import { InboxPage } from "./agent/inbox-page.tsx";
import { RequireModule } from "./agent/require-module.tsx";
import { NotFoundPage } from "./components/not-found-page.tsx";
import { ContactPage } from "./contacts/contact-page.tsx";
import { ContactsPage } from "./contacts/contacts-page.tsx";
import { RouteErrorPage } from "./components/route-error-page.tsx";
import { MomentsConsole } from "./moments/moments-console.tsx";
import { HomeRedirect } from "./session/home-redirect.tsx";
import { RequireRole } from "./session/require-role.tsx";
import { RequireSession } from "./session/require-session.tsx";
import { AccountSecurityPage } from "./session/account-security-page.tsx";
import { sessionRoutes } from "./session/session-routes.tsx";
import { ApiTokensPage } from "./tokens/api-tokens-page.tsx";

// Every page but sign-in needs a session; the console is for admins and supervisors, the desktop for
// agents. The server checks the same roles on each request.
export const appRoutes: RouteObject[] = [
  ...sessionRoutes,
  {
    element: <RequireSession />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <HomeRedirect /> },
      {
        path: "admin",
        element: <RequireRole roles={["admin", "supervisor"]} redirectTo="/desktop" />,
        children: [
          {
            element: <ConsoleLayout />,
            children: consoleSections.map(sectionRoute),
          },
        ],
      },
      {
        path: "desktop",
        element: <RequireRole roles={["agent"]} redirectTo="/admin" />,
        children: [
          {
            element: <DesktopLayout />,
            children: [
              {
                index: true,
                element: (
                  <RequireModule module="inbox">
                    <InboxPage />
                  </RequireModule>
                ),
              },
              {
                path: "alerts",
                element: (
                  <RequireModule module="inbox">
                    <AlertsPage />
                  </RequireModule>
                ),
              },
              {
                path: "contacts",
                element: (
                  <RequireModule module="contacts">
                    <ContactsPage basePath="/desktop/contacts" />
                  </RequireModule>
                ),
              },
              {
                path: "contacts/:contactId",
                element: (
                  <RequireModule module="contacts">
                    <ContactPage basePath="/desktop/contacts" canMerge={false} />
                  </RequireModule>
                ),
              },
              {
                path: "moments",
                element: (
                  <RequireModule module="moments">
                    <MomentsConsole />
                  </RequireModule>
                ),
              },
              {
                path: "tokens",
                element: (
                  <RequireModule module="apiTokens">
                    <ApiTokensPage />
                  </RequireModule>
                ),
              },
              { path: "sign-in-security", element: <AccountSecurityPage /> },
            ],
          },
        ],
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];

// A console section behind its roles: its index page at /admin/<path>, its other pages below it.
function sectionRoute(section: ConsoleSection): RouteObject {
  const pages: RouteObject[] = [{ index: true, element: section.element }, ...(section.children ?? [])];
  return {
    element: <RequireRole roles={section.roles} redirectTo="/admin" />,
    children: section.path === "" ? pages : [{ path: section.path, children: pages }],
  };
}
