import { Link } from "react-router";
import { useTitle } from "../hooks/useTitle";

export const NOT_BUILT: Record<string, { title: string; line: string }> = {
  registry: {
    title: "Registry",
    line: "EPP sessions to registries, host objects (RFC 5732), domains and contacts, and the poll queue.",
  },
  rdap: {
    title: "RDAP",
    line: "RDAP lookups and searches with sorting, paging and field sets (RFC 8977, RFC 8982), rendered for people.",
  },
  dns: {
    title: "DNS zones",
    line: "Zones fetched by AXFR or from files, their ZONEMD digests (RFC 8976) verified, primaries and secondaries watched.",
  },
  dhcp: {
    title: "DHCP",
    line: "Leases and pools from ISC Kea, ISC dhcpd and dnsmasq in one view, with utilization alerts.",
  },
  bgp: {
    title: "BGP",
    line: "The shutdown communications (RFC 9003) peers send, collected from BMP, syslog and router logs, searchable.",
  },
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
