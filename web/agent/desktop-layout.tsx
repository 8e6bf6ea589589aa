import type { Module } from "../../common/domain/modules.ts";
import { AppShell, type NavigationItem } from "../components/app-shell.tsx";
import { ClientLogIndicator } from "./client-log-indicator.tsx";
import { ConnectionIndicator } from "./connection-indicator.tsx";
import { useOwnModules } from "./use-own-modules.ts";

// An entry with a module is shown only while that module is on for the agent (product.md: module permissions).
const ITEMS: readonly (NavigationItem & { module?: Module })[] = [
  { to: "/desktop", label: "Inbox", end: true, module: "inbox" },
  { to: "/desktop/tokens", label: "API tokens", module: "apiTokens" },
  { to: "/desktop/sign-in-security", label: "Sign-in security" },
];

export function DesktopLayout() {
  const modules = useOwnModules();
  // Until the agent's modules are known, only entries without a module show: a turned-off module never flashes.
  const items = ITEMS.filter((item) => item.module === undefined || modules?.[item.module] === true);
  return (
    <AppShell
      navigationLabel="Desktop"
      navigationItems={items}
      headerStatus={
        <>
          <ClientLogIndicator />
          <ConnectionIndicator />
        </>
      }
    />
  );
}
