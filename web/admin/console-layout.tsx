import { AppShell, type NavigationItem } from "../components/app-shell.tsx";
import { useCurrentUser } from "../hooks/use-session.ts";
import { consoleSections } from "./console-sections.tsx";

// Only pages that exist and that the role may open are listed.
export function ConsoleLayout() {
  const user = useCurrentUser();
  const items: NavigationItem[] = consoleSections
    .filter((section) => section.roles.includes(user.role))
    .map((section) => ({ to: section.path === "" ? "/admin" : `/admin/${section.path}`, label: section.label, end: section.path === "" }));
  return <AppShell navigationLabel="Console" navigationItems={items} />;
}
