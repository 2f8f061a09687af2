import { NavLink } from "react-router";

/** The registry section's pages. */
export function RegistryNav() {
  const links = [
    { to: "/registry", label: "Hosts", end: true },
    { to: "/registry/domains", label: "Domain lookup" },
    { to: "/registry/poll", label: "Poll queue" },
    { to: "/registry/transcript", label: "Transcript" },
    { to: "/registry/connections", label: "Connections" },
  ];
  return (
    <nav aria-label="Registry" className="subnav">
      <ul className="inline-list">
        {links.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to} end={l.end ?? false}>
              {l.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
