import type { ReactNode } from "react";
import { NavLink, Outlet } from "react-router";
import { AppHeader, type SignOutAction } from "./app-header.tsx";

export interface NavigationItem {
  to: string;
  label: string;
  // Matches only this exact path (the section's index page).
  end?: boolean;
  // A count shown beside the label (waiting alerts, say); nothing when 0 or absent.
  badge?: number;
}

interface AppShellProps {
  navigationLabel: string;
  navigationItems: readonly NavigationItem[];
  headerStatus?: ReactNode;
  signOutAction?: SignOutAction;
}

// The frame of every signed-in page: header, side navigation, and the page itself.
export function AppShell({ navigationLabel, navigationItems, headerStatus, signOutAction }: AppShellProps) {
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main-content">
        Skip to content
      </a>
      <AppHeader status={headerStatus} signOutAction={signOutAction} />
      <nav className="side-navigation" aria-label={navigationLabel}>
        <ul>
          {navigationItems.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.end ?? false} className="side-navigation-link">
                {item.label}
                {item.badge ? (
                  <span className="navigation-badge">
                    <span className="visually-hidden">, </span>
                    {item.badge}
                    <span className="visually-hidden"> waiting</span>
                  </span>
                ) : null}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main className="app-main" id="main-content" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
