import type { Module } from "../../common/domain/modules.ts";
import { AppShell, type NavigationItem } from "../components/app-shell.tsx";
import { AlertToasts } from "./alert-toasts.tsx";
import { ChannelPauseMenu } from "./channel-pause-menu.tsx";
import { ClientLogIndicator } from "./client-log-indicator.tsx";
import { CoachingMessagesDialog } from "./coaching/coaching-messages-dialog.tsx";
import { CoachingProvider } from "./coaching/coaching-provider.tsx";
import { CoachingStatusMenu } from "./coaching/coaching-status-menu.tsx";
import { CoachingToasts } from "./coaching/coaching-toasts.tsx";
import "./coaching/coaching.css";
import { ConnectionIndicator } from "./connection-indicator.tsx";
import { MomentsToasts } from "./moments/moments-toasts.tsx";
import { DesktopStateProvider } from "./desktop-state-provider.tsx";
import { useDesktopState } from "./desktop-state.ts";
import { unreadTextConversations } from "./sms/conversation-alert-card.tsx";
import { useInbox } from "./inbox-queries.ts";
import { SignOutDialog } from "./sign-out-dialog.tsx";
import { StatusSelector } from "./status-selector.tsx";
import { useDesktopSignOut } from "./use-desktop-sign-out.ts";
import { useOwnModules } from "./use-own-modules.ts";
import "./desktop.css";
import "./sms/sms.css";
import "../contacts/contacts.css";

// An entry with a module is shown only while that module is on for the agent (product.md: module permissions).
const ITEMS: readonly (NavigationItem & { module?: Module })[] = [
  { to: "/desktop", label: "Inbox", end: true, module: "inbox" },
  { to: "/desktop/alerts", label: "Alerts", module: "inbox" },
  { to: "/desktop/contacts", label: "Contacts", module: "contacts" },
  { to: "/desktop/moments", label: "Moments", module: "moments" },
  { to: "/desktop/tokens", label: "API tokens", module: "apiTokens" },
  { to: "/desktop/sign-in-security", label: "Sign-in security" },
];

function DesktopFrame() {
  const modules = useOwnModules();
  const inbox = useInbox();
  const signOut = useDesktopSignOut();
  const { unreadInteractionIds } = useDesktopState();
  // seed 003: the badge counts every alert waiting, hidden or not, new messages of the agent's own texts too.
  const waiting = (inbox.data?.offers.filter((offer) => offer.state === "pending").length ?? 0) + unreadTextConversations(inbox.data?.interactions ?? [], unreadInteractionIds).length;
  // Until the agent's modules are known, only entries without a module show: a turned-off module never flashes.
  const items = ITEMS.filter((item) => item.module === undefined || modules?.[item.module] === true).map((item) =>
    item.to === "/desktop/alerts" ? { ...item, badge: waiting } : item,
  );
  return (
    <CoachingProvider enabled={modules?.coaching === true}>
      <AppShell
        navigationLabel="Desktop"
        navigationItems={items}
        signOutAction={{ run: signOut.start, pending: signOut.pending }}
        headerStatus={
          <>
            <CoachingStatusMenu />
            <StatusSelector />
            <ChannelPauseMenu />
            <ClientLogIndicator />
            <ConnectionIndicator />
          </>
        }
      />
      {modules?.inbox === true ? <AlertToasts /> : null}
      <CoachingToasts />
      {modules?.moments === true ? <MomentsToasts /> : null}
      <CoachingMessagesDialog />
      <SignOutDialog openCount={signOut.openCount} busy={signOut.pending} onChoose={signOut.choose} onCancel={signOut.cancel} />
    </CoachingProvider>
  );
}

export function DesktopLayout() {
  return (
    <DesktopStateProvider>
      <DesktopFrame />
    </DesktopStateProvider>
  );
}
