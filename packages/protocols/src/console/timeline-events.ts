/**
 * Timeline events from stored rows (BGP session events, DHCP pool threshold crossings, EPP ↔ RDAP
 * consistency verdict changes): one mapping from a row to its event, run by the server's providers
 * and by the mock API over its fixtures.
 */
import type { Severity } from "./alerts";
import type { TimelineEvent } from "./search";
import { canonicalPrefix } from "./search-classify";

/** A pool's utilization level changed (ok | warning | critical), as DhcpPoolLevelChange stores it. */
export interface PoolLevelChange {
  id: number;
  poolId: number;
  /** ISO. */
  at: string;
  level: string;
  previous: string;
  pct: number;
  assigned: number;
  size: number;
  firstAddr: string;
  lastAddr: string;
  /** The pool's subnet (CIDR): the event's entity. */
  subnet: string;
  source: string;
}

const LEVEL_SEVERITY: Record<string, Severity> = { ok: "info", warning: "warning", critical: "critical" };

/** The severity of a crossing into `level`: where the pool is now. */
export function poolLevelSeverity(level: string): Severity {
  return LEVEL_SEVERITY[level] ?? "info";
}

export function poolLevelEvent(r: PoolLevelChange): TimelineEvent {
  const subnet = canonicalPrefix(r.subnet);
  return {
    id: `dhcp:pool-level:${r.id}`,
    at: new Date(r.at).toISOString(),
    subsystem: "dhcp",
    kind: "pool-threshold",
    severity: poolLevelSeverity(r.level),
    title: `Pool ${r.firstAddr}–${r.lastAddr}: ${r.previous} → ${r.level} (${r.pct.toFixed(0)}% used)`,
    detail: `${r.assigned} of ${r.size} addresses assigned · ${r.subnet} · ${r.source}`,
    url: `/dhcp?pool=${r.poolId}`,
    ...(subnet.ok && { entity: { type: "prefix" as const, value: subnet.value } }),
  };
}

/** The verdict of an object whose EPP and RDAP views agree. */
export const CONSISTENT = "consistent";

/** An object's consistency verdict changed, as RdapConsistencyChange stores it. */
export interface ConsistencyChange {
  id: number;
  /** ISO. */
  at: string;
  connectionId: string;
  /** host | domain */
  objectType: string;
  /** Lower case, no trailing dot. */
  name: string;
  /** "consistent" or the finding kinds, sorted and comma-separated; previous likewise. */
  verdict: string;
  previous: string;
  message: string;
  /** A host's addresses as EPP has them. */
  addresses: string[];
}

export function consistencyChangeEvent(r: ConsistencyChange): TimelineEvent {
  const agrees = r.verdict === CONSISTENT;
  const what = r.objectType === "domain" ? "Domain" : "Host";
  const conn = encodeURIComponent(r.connectionId);
  const name = encodeURIComponent(r.name);
  const detail = [r.message, r.addresses.length ? `EPP addresses ${r.addresses.join(", ")}` : ""]
    .filter(Boolean)
    .join(" · ")
    .slice(0, 300);
  return {
    id: `rdap:consistency:${r.id}`,
    at: new Date(r.at).toISOString(),
    subsystem: "rdap",
    kind: "rdap-consistency",
    severity: agrees ? "info" : "warning",
    title: agrees
      ? `${what} ${r.name}: RDAP agrees with EPP again (was ${r.previous})`
      : `${what} ${r.name}: RDAP differs from EPP (${r.verdict})`,
    ...(detail && { detail }),
    // The object's page in the console (registry/hosts/:connectionId/:name, the domains lookup).
    url:
      r.objectType === "domain"
        ? `/registry/domains?conn=${conn}&name=${name}`
        : `/registry/hosts/${conn}/${name}`,
    entity: { type: "name", value: r.name },
  };
}

/** A BGP session event (up, down, NOTIFICATION) as BgpEvent stores it and bgp.events lists it. */
export interface BgpTimelineRow {
  id: number;
  /** ISO, or the stored date. */
  at: string | Date;
  router: string;
  kind: string;
  peerAddress: string | null;
  /** A bigint as the database reads it (four-octet AS numbers), a number in the API. */
  peerAs: number | bigint | null;
  peerName: string | null;
  subcodeName: string | null;
  text: string | null;
}

/** A session going up is news, not trouble; down and NOTIFICATION are. */
export function bgpEventSeverity(kind: string): Severity {
  return kind === "up" ? "info" : "warning";
}

/** "peer down", or "peer: Administrative Shutdown — “the message”" for a NOTIFICATION. */
export function bgpEventTitle(
  e: Pick<BgpTimelineRow, "kind" | "text" | "subcodeName" | "peerName" | "peerAddress">,
): string {
  const peer = e.peerName ?? e.peerAddress ?? "peer";
  if (e.kind === "notification")
    return `${peer}: ${e.subcodeName ?? "NOTIFICATION"}${e.text ? ` — “${e.text}”` : ""}`;
  return `${peer} ${e.kind}`;
}

/** One event per stored BGP event: its id is the row's, so two events of one session never share it. */
export function bgpTimelineEvent(e: BgpTimelineRow): TimelineEvent {
  return {
    id: `bgp:event:${e.id}`,
    at: new Date(e.at).toISOString(),
    subsystem: "bgp",
    kind: `bgp-${e.kind}`,
    severity: bgpEventSeverity(e.kind),
    title: bgpEventTitle(e),
    detail: `on ${e.router}${e.peerAs !== null ? ` · AS${e.peerAs}` : ""}`,
    url: `/bgp/events/${e.id}`,
    ...(e.peerAddress && { entity: { type: "ip" as const, value: e.peerAddress } }),
  };
}
