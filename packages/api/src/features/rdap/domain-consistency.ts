/**
 * EPP ↔ RDAP consistency for domains: each domain in the console's EPP domain cache (inside its
 * connection's zones) against the registry's RDAP domain object — name servers, statuses (RFC 8056
 * mapping) and expiry date. Hosts are compared in consistency.ts; both go into one report.
 */
import type { Domain } from "@netops/protocols/rdap";
import { eppToRdapStatus } from "./status-map";

export type DomainConsistencyKind =
  | "missing-in-rdap"
  | "nameserver-mismatch"
  | "status-mismatch"
  | "expiry-mismatch"
  | "rdap-error";

export interface DomainConsistencyFinding {
  kind: DomainConsistencyKind;
  connectionId: string;
  domain: string;
  url: string;
  /** The EPP and RDAP values compared (sorted), for the mismatches. */
  epp?: string[];
  rdap?: string[];
  message: string;
}

/** What the checker reads of a cached domain. */
export interface CachedDomain {
  connectionId: string;
  name: string;
  nameServers: string[];
  statuses: { s: string }[];
  exDate: string | null;
  gone: boolean;
}

const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();
const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const hostName = (n: string) => n.trim().toLowerCase().replace(/\.$/, "");

/**
 * The EPP statuses as RDAP shows them. RFC 5731 §2.3: a domain without name servers is "inactive"
 * whether or not the registry's <domain:info> says so, so it is added on the EPP side.
 */
function eppStatuses(d: CachedDomain): string[] {
  const s = d.statuses.map((x) => eppToRdapStatus(x.s));
  if (d.nameServers.length === 0) s.push("inactive");
  return sorted(s);
}

/** Compares one domain's EPP view with its RDAP domain object: zero to three findings. */
export function compareDomain(d: CachedDomain, obj: Domain, url: string): DomainConsistencyFinding[] {
  const out: DomainConsistencyFinding[] = [];
  const base = { connectionId: d.connectionId, domain: d.name, url };
  const eppNs = sorted(d.nameServers.map(hostName));
  const rdapNs = sorted((obj.nameservers ?? []).map((n) => hostName(n.ldhName ?? n.unicodeName ?? "")));
  if (!same(eppNs, rdapNs))
    out.push({
      kind: "nameserver-mismatch",
      ...base,
      epp: eppNs,
      rdap: rdapNs,
      message: `name servers differ: EPP ${eppNs.join(", ") || "none"}; RDAP ${rdapNs.join(", ") || "none"}`,
    });
  const es = eppStatuses(d);
  const rs = sorted((obj.status ?? []).map((s) => s.trim().toLowerCase()));
  if (!same(es, rs))
    out.push({
      kind: "status-mismatch",
      ...base,
      epp: es,
      rdap: rs,
      message: `statuses differ: EPP ${es.join(", ") || "none"}; RDAP ${rs.join(", ") || "none"}`,
    });
  const rdapEx = obj.events?.find((e) => e.eventAction === "expiration")?.eventDate ?? null;
  const at = (s: string | null) => (s === null ? null : Date.parse(s));
  if (d.exDate !== null && at(d.exDate) !== at(rdapEx))
    out.push({
      kind: "expiry-mismatch",
      ...base,
      epp: [d.exDate],
      rdap: rdapEx ? [rdapEx] : [],
      message: `expiry differs: EPP ${d.exDate}; RDAP ${rdapEx ?? "none"}`,
    });
  return out;
}
