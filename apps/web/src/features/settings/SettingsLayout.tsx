import { type Role, roleAtLeast } from "@netops/protocols";
import type { ReactNode } from "react";
import { NavLink, Outlet } from "react-router";
import { useRole } from "../../auth/session";

const ITEMS: { to: string; label: string; need: Role }[] = [
  { to: "/settings/account", label: "Account", need: "viewer" },
  { to: "/settings/tokens", label: "API tokens", need: "viewer" },
  { to: "/settings/users", label: "Users", need: "admin" },
  { to: "/settings/webhooks", label: "Webhooks", need: "admin" },
  { to: "/settings/audit", label: "Audit log", need: "admin" },
  { to: "/settings/system", label: "System", need: "viewer" },
  { to: "/settings/replicas", label: "Replicas", need: "operator" },
];

export function SettingsLayout() {
  const role = useRole();
  return (
    <div className="settings">
      <nav aria-label="Settings" className="subnav">
        <h2 className="subnav-title">Settings</h2>
        <ul>
          {ITEMS.filter((i) => roleAtLeast(role, i.need)).map((i) => (
            <li key={i.to}>
              <NavLink to={i.to}>{i.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="settings-page">
        <Outlet />
      </div>
    </div>
  );
}

/**
 * Renders children only for roles that may use the page. The server still checks: a FORBIDDEN
 * answer is shown by the page's error view.
 */
export function RequireRole({ need, children }: { need: Role; children: ReactNode }) {
  const role = useRole();
  if (!roleAtLeast(role, need)) {
    return (
      <div className="state-view error" role="alert">
        <p className="state-title">Not allowed</p>
        <p className="state-body">
          This page needs the {need} role; you are {role}.
        </p>
      </div>
    );
  }
  return <>{children}</>;
}
