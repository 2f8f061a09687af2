import { Link } from "react-router";
import { useTitle } from "../hooks/useTitle";

export const NOT_BUILT: Record<string, { title: string; line: string }> = {
  registry: {
    title: "Registry",
    line: "Domain registry operations over EPP: domains, contacts, hosts and the state of registry sessions.",
  },
  rdap: { title: "RDAP", line: "RDAP lookups and checks of the RDAP service's answers." },
  dns: {
    title: "DNS zones",
    line: "DNS zones: parsing, validation and ZONEMD digest checks, with alerts on failures.",
  },
  dhcp: { title: "DHCP", line: "DHCP leases and pool usage, read from the DHCP servers' logs." },
  bgp: { title: "BGP", line: "BGP sessions and their state changes, read from router logs." },
};

export function NotBuiltPage({ section }: { section: keyof typeof NOT_BUILT }) {
  const info = NOT_BUILT[section] ?? { title: section, line: "" };
  useTitle(info.title);
  return (
    <section className="page">
      <h1>{info.title}</h1>
      <div className="state-view empty">
        <p className="state-title">Not built yet.</p>
        <p className="state-body">{info.line}</p>
      </div>
    </section>
  );
}

export function NotFoundPage() {
  useTitle("Not found");
  return (
    <section className="page">
      <h1>Page not found</h1>
      <p>
        There is no page at this address. <Link to="/">Go to the overview</Link>.
      </p>
    </section>
  );
}
