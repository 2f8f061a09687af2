import { LEASE_STATES, type LeaseState, parseCidr } from "@netops/protocols/dhcp";

/** The lease table's filters as they live in the URL (?cidr=&state=&source=&mac=&hostname=&clientId=&cursor=). */
export interface LeaseFilters {
  cidr: string;
  state: LeaseState[];
  source: number[];
  mac: string;
  hostname: string;
  clientId: string;
  cursor: string;
}

export function parseLeaseFilters(p: URLSearchParams): LeaseFilters {
  const list = (k: string) => (p.get(k) ?? "").split(",").filter((x) => x !== "");
  return {
    cidr: p.get("cidr") ?? "",
    state: list("state").filter((s): s is LeaseState => (LEASE_STATES as readonly string[]).includes(s)),
    source: list("source")
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0),
    mac: p.get("mac") ?? "",
    hostname: p.get("hostname") ?? "",
    clientId: p.get("clientId") ?? "",
    cursor: p.get("cursor") ?? "",
  };
}

export function serializeLeaseFilters(f: LeaseFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.cidr) p.set("cidr", f.cidr);
  if (f.state.length) p.set("state", f.state.join(","));
  if (f.source.length) p.set("source", f.source.join(","));
  if (f.mac) p.set("mac", f.mac);
  if (f.hostname) p.set("hostname", f.hostname);
  if (f.clientId) p.set("clientId", f.clientId);
  if (f.cursor) p.set("cursor", f.cursor);
  return p;
}

/** The API input; a CIDR the server would refuse is left out (the form shows why). */
export function toLeaseInput(f: LeaseFilters) {
  return {
    ...(f.cidr && parseCidr(f.cidr) && { cidr: f.cidr }),
    ...(f.state.length && { state: f.state }),
    ...(f.source.length && { sourceId: f.source }),
    ...(f.mac && { mac: f.mac }),
    ...(f.hostname && { hostname: f.hostname }),
    ...(f.clientId && { clientId: f.clientId }),
  };
}

/** The streamed CSV export of these filters: the same URL parameters, minus the page cursor and a CIDR the server would refuse. */
export function exportHref(f: LeaseFilters): string {
  const q = serializeLeaseFilters({ ...f, cursor: "", cidr: parseCidr(f.cidr) ? f.cidr : "" }).toString();
  return `/api/export/dhcp/leases.csv${q ? `?${q}` : ""}`;
}
