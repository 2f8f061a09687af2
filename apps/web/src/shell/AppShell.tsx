import { FEATURE_SUBSYSTEMS, type Role } from "@netops/protocols";
import type { ReactNode } from "react";
import { Link, NavLink } from "react-router";
import { type LiveStatus, LiveIndicator } from "../components/LiveIndicator";
import { ThemeToggle } from "../components/ThemeToggle";
import { ZoneToggle } from "../components/ZoneToggle";
import { Shortcuts } from "./Shortcuts";

export interface ShellUser {
  username: string;
  role: Role;
}

export interface AppShellProps {
  user: ShellUser | null;
  /** Firing, not silenced alerts (`alerts.counts` firing) for the nav badge; null/undefined hides it. */
  firingCount?: number | null;
  live?: LiveStatus;
  onLogout?: () => void;
  loggingOut?: boolean;
  /** The global search box (features/search/ShellSearch), shown on every page. */
  search?: ReactNode;
  children: ReactNode;
}

export const NAV_ITEMS: { to: string; label: string; end?: boolean }[] = [
  { to: "/", label: "Overview", end: true },
  // Each subsystem's entry from its descriptor (packages/protocols/src/console/subsystems.ts).
  ...FEATURE_SUBSYSTEMS.map((s) => ({ to: s.path, label: s.label })),
  { to: "/alerts", label: "Alerts" },
  { to: "/settings", label: "Settings" },
];

/** Top bar, navigation and user menu around a page. Presentational: pass data in as props. */
export function AppShell({
  user,
  firingCount,
  live,
  onLogout,
  loggingOut = false,
  search,
  children,
}: AppShellProps) {
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          NetOps Console
        </Link>
        <nav aria-label="Main" className="mainnav">
          <ul>
            {NAV_ITEMS.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end ?? false}>
                  {item.label}
                  {item.to === "/alerts" && firingCount ? (
                    <span className="badge" title={`${firingCount} firing`}>
                      {firingCount}
                      <span className="sr-only"> firing</span>
                    </span>
                  ) : null}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {search}
        <div className="topbar-right">
          {live ? <LiveIndicator status={live} /> : null}
          <Link to="/oncall" className="small">
            On-call view
          </Link>
          <ZoneToggle />
          <ThemeToggle />
          <Shortcuts />
          {user ? (
            <details className="user-menu">
              <summary>
                <span className="user-name">{user.username}</span>{" "}
                <span className="chip role">{user.role}</span>
              </summary>
              <div className="menu">
                <p className="small muted">
                  Signed in as <strong>{user.username}</strong> ({user.role})
                </p>
                <Link to="/settings/account">Account</Link>
                <Link to="/settings/tokens">API tokens</Link>
                {onLogout ? (
                  <button type="button" onClick={onLogout} disabled={loggingOut}>
                    {loggingOut ? "Logging out…" : "Log out"}
                  </button>
                ) : null}
              </div>
            </details>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1} className="content">
        {children}
      </main>
    </div>
  );
}
