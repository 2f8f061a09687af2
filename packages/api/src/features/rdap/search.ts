/**
 * RDAP in search and on entity pages: the lookups still fresh in the HTTP cache (domains, name
 * servers with their addresses, IP networks, autnums, entities) and the last EPP ↔ RDAP
 * consistency report's findings. Both are bounded in memory (the cache holds at most its
 * configured entries); each response is summarised once and remembered while it stays cached.
 */
import {
  canonicalIp,
  type EntityItem,
  type EntityRef,
  type EntitySection,
  prefixContains,
  rankMatch,
  type SearchHit,
} from "@netops/protocols";
import type { EntityLinkProvider, SearchProvider } from "../../modules/contract";
import { nameKey } from "../../search/recent";
import type { Services } from "../../services";

interface Summary {
  /** domain | nameserver | ip network | autnum | entity */
  kind: string;
  /** What it was looked up by (the last path segments of the query URL). */
  query: string;
  /** ldhName / handle / startAddress–endAddress / AS number, as shown. */
  label: string;
  names: string[];
  handles: string[];
  addresses: string[];
  /** For an IP network: its prefix(es) as `start/len` when the answer gave cidr0_cidrs, else its range. */
  ranges: { start: string; end: string }[];
  asns: number[];
}

const summaries = new WeakMap<object, Summary | null>();

const PATH = /\/(domain|nameserver|ip|autnum|entity)\/([^?#]+)$/;

function summarise(r: { url: string; status: number; body: string }): Summary | null {
  const cached = summaries.get(r);
  if (cached !== undefined) return cached;
  let out: Summary | null = null;
  try {
    const path = PATH.exec(new URL(r.url).pathname);
    if (r.status === 200 && path?.[1] && path[2]) {
      const o = JSON.parse(r.body) as Record<string, unknown>;
      const str = (v: unknown) => (typeof v === "string" ? v : null);
      const ip = (o.ipAddresses ?? {}) as { v4?: unknown; v6?: unknown };
      const addrs = [...(Array.isArray(ip.v4) ? ip.v4 : []), ...(Array.isArray(ip.v6) ? ip.v6 : [])]
        .map((a) => canonicalIp(String(a)))
        .filter((a): a is string => a !== null);
      const ldh = str(o.ldhName);
      const handle = str(o.handle);
      const start = str(o.startAddress);
      const end = str(o.endAddress);
      const kind = path[1] === "ip" ? "ip network" : path[1];
      const query = decodeURIComponent(path[2]);
      out = {
        kind,
        query,
        label: ldh ?? (start && end ? `${start} – ${end}` : null) ?? handle ?? query,
        names: [ldh, str(o.unicodeName)].filter((n): n is string => n !== null).map(nameKey),
        handles: handle ? [handle.toLowerCase()] : [],
        addresses: addrs,
        ranges:
          start && end && canonicalIp(start) && canonicalIp(end)
            ? [{ start: canonicalIp(start) as string, end: canonicalIp(end) as string }]
            : [],
        asns: [o.startAutnum, o.endAutnum].filter((n): n is number => typeof n === "number"),
      };
    }
  } catch {
    out = null;
  }
  summaries.set(r, out);
  return out;
}

function lookupUrl(q: string): string {
  return `/rdap?q=${encodeURIComponent(q)}`;
}

function cachedSummaries(s: Services): Summary[] {
  return s.rdap.cachedLookups().flatMap((r) => {
    const x = summarise(r);
    return x ? [x] : [];
  });
}

function inRange(addr: string, r: { start: string; end: string }): boolean {
  // An RDAP network is a range; a single address inside it, with the same family.
  const fam = (x: string) => (x.includes(":") ? 6 : 4);
  if (fam(addr) !== fam(r.start)) return false;
  const toBig = (x: string) => {
    if (fam(x) === 4) return x.split(".").reduce((n, o) => (n << 8n) + BigInt(Number(o)), 0n);
    // Canonical IPv6 text → value by expanding "::".
    const [head = "", tail = ""] = x.split("::");
    const h = head ? head.split(":") : [];
    const t = x.includes("::") ? (tail ? tail.split(":") : []) : [];
    const groups = [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
    return groups.reduce((n, g) => (n << 16n) + BigInt(Number.parseInt(g, 16)), 0n);
  };
  const v = toBig(addr);
  return v >= toBig(r.start) && v <= toBig(r.end);
}

/** How a cached answer relates to an entity, or null when it does not. */
function matchesEntity(x: Summary, e: EntityRef): boolean {
  switch (e.type) {
    case "ip":
      return (
        x.addresses.includes(e.value) || x.ranges.some((r) => inRange(e.value, r)) || x.query === e.value
      );
    case "prefix":
      return x.addresses.some((a) => prefixContains(e.value, a)) || x.query === e.value;
    case "name":
      return x.names.includes(e.value) || nameKey(x.query) === e.value;
    case "as":
      return x.asns.includes(Number(e.value)) || x.query === e.value;
    default:
      return false;
  }
}

export function rdapSearch(s: Services): SearchProvider {
  return {
    async search(q, { limit }) {
      const hits: SearchHit[] = [];
      const all = cachedSummaries(s);
      for (const x of all) {
        let rank: SearchHit["rank"] | null = null;
        for (const r of q.interpretations) {
          const e: EntityRef | null =
            r.kind === "ipv4" || r.kind === "ipv6"
              ? { type: "ip", value: r.value }
              : r.kind === "prefix"
                ? { type: "prefix", value: r.value }
                : r.kind === "name"
                  ? { type: "name", value: r.value }
                  : r.kind === "as"
                    ? { type: "as", value: r.value }
                    : null;
          if (e && matchesEntity(x, e)) rank = "exact";
          else if (r.kind === "name" || r.kind === "handle" || r.kind === "text") {
            const v = nameKey(r.value);
            const m = [...x.names, ...x.handles].map((n) => rankMatch(n, v)).find((m) => m !== null) ?? null;
            if (m && (m !== "contains" || v.length >= 3) && (!rank || m === "exact")) rank = m;
          }
        }
        if (rank)
          hits.push({
            subsystem: "rdap",
            kind: "rdap-object",
            key: `${x.kind}:${x.query}`,
            label: x.label,
            detail: `cached RDAP ${x.kind}${x.addresses.length ? ` · ${x.addresses.join(", ")}` : ""}`,
            url: lookupUrl(x.query),
            rank,
          });
        if (hits.length > limit) break;
      }
      return hits;
    },
  };
}

export function rdapEntity(s: Services): EntityLinkProvider {
  return {
    async sections(entity, { limit }) {
      const sections: EntitySection[] = [];
      const cached = cachedSummaries(s).filter((x) => matchesEntity(x, entity));
      const lookup = entity.type === "as" ? `AS${entity.value}` : entity.value;
      sections.push({
        subsystem: "rdap",
        title: "RDAP (cached lookups)",
        refreshedAt: null,
        // The section links to a fresh lookup of the entity itself: "look up now" (rdap.query).
        url: lookupUrl(lookup),
        items: cached.slice(0, limit).map(
          (x): EntityItem => ({
            kind: "rdap-object",
            key: `${x.kind}:${x.query}`,
            label: x.label,
            detail: `${x.kind}${x.addresses.length ? ` · ${x.addresses.join(", ")}` : ""}`,
            url: lookupUrl(x.query),
          }),
        ),
        ...(cached.length > limit && { more: true }),
      });
      const report = s.rdap.consistencyReport();
      if (report && (entity.type === "name" || entity.type === "ip")) {
        const findings = report.findings.filter((f) => {
          if (entity.type === "name") return nameKey(f.host) === entity.value;
          return (
            "epp" in f &&
            typeof f.epp === "object" &&
            f.epp !== null &&
            "v4" in f.epp &&
            [
              ...f.epp.v4,
              ...f.epp.v6,
              ...("rdap" in f && f.rdap && "v4" in f.rdap ? [...f.rdap.v4, ...f.rdap.v6] : []),
            ]
              .map((a) => canonicalIp(a))
              .includes(entity.value)
          );
        });
        if (findings.length)
          sections.push({
            subsystem: "rdap",
            title: "EPP ↔ RDAP consistency",
            refreshedAt: report.at,
            url: "/rdap",
            items: findings.slice(0, limit).map((f, i) => ({
              kind: "consistency-finding",
              key: `${f.kind}:${f.host}:${i}`,
              label: f.message,
              detail: f.kind,
              url: lookupUrl(f.host),
              at: report.at,
              severity: "warning",
            })),
          });
      }
      return sections;
    },
  };
}
