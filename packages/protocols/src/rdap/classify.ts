/**
 * One search box → one RDAP query: a domain, an IPv4/IPv6 address or prefix, an AS number, a
 * domain search pattern (contains "*"), or an entity handle.
 */
import { parseIp, parsePrefix } from "./ip";
import type { RdapQuery } from "./query";

export type QueryType = "domain" | "ip" | "prefix" | "autnum" | "entity" | "domains";

export type Classification =
  | { ok: true; type: QueryType; query: RdapQuery; normalized: string }
  | { ok: false; reason: string };

const HANDLE = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

export function classifyQuery(input: string): Classification {
  const s = input.trim();
  if (!s) return { ok: false, reason: "empty query" };
  if (s.length > 255) return { ok: false, reason: "query is longer than 255 characters" };
  const as = /^(?:AS)?([0-9]+)$/i.exec(s);
  if (as?.[1]) {
    const asn = Number(as[1]);
    if (asn > 4294967295) return { ok: false, reason: `${as[1]} is larger than the largest AS number` };
    return { ok: true, type: "autnum", query: { kind: "autnum", asn }, normalized: `AS${asn}` };
  }
  if (s.includes("/")) {
    const p = parsePrefix(s);
    if (!p) return { ok: false, reason: `"${s}" is not an IP prefix` };
    return { ok: true, type: "prefix", query: { kind: "ip", address: s }, normalized: s };
  }
  if (parseIp(s)) return { ok: true, type: "ip", query: { kind: "ip", address: s }, normalized: s };
  if (s.includes("*")) {
    return {
      ok: true,
      type: "domains",
      query: { kind: "domains", by: "name", value: s.toLowerCase() },
      normalized: s.toLowerCase(),
    };
  }
  if (s.includes(".") && !/\s/.test(s)) {
    const name = toAsciiName(s);
    if (!name) return { ok: false, reason: `"${s}" is not a domain name` };
    return { ok: true, type: "domain", query: { kind: "domain", name }, normalized: name };
  }
  if (HANDLE.test(s))
    return { ok: true, type: "entity", query: { kind: "entity", handle: s }, normalized: s };
  return { ok: false, reason: `"${s}" is not a domain, IP address, prefix, AS number or handle` };
}

/** IDNA to A-labels via the WHATWG URL parser (available in browsers and Node alike). */
export function toAsciiName(name: string): string | null {
  const n = name.replace(/\.$/, "");
  try {
    const host = new URL(`http://${n}/`).hostname;
    if (!host || host.includes("[") || host !== host.toLowerCase()) return null;
    return host.split(".").every((l) => l.length > 0 && l.length <= 63) ? host : null;
  } catch {
    return null;
  }
}

/** What the search box may be told to look for; `auto` lets classifyQuery pick. */
export const RDAP_QUERY_TYPES = [
  "auto",
  "domain",
  "nameserver",
  "entity",
  "ip",
  "autnum",
  "domains",
  "nameservers",
  "entities",
] as const;
export type RdapQueryType = (typeof RDAP_QUERY_TYPES)[number];

/** Search properties per search (RFC 9082 §3.2), the first being the default. */
export const SEARCH_BY: Record<"domains" | "nameservers" | "entities", readonly string[]> = {
  domains: ["name", "nsLdhName", "nsIp"],
  nameservers: ["name", "ip"],
  entities: ["fn", "handle"],
};

/** The search box plus an explicit type (and search property) → one RFC 9082 query, or a reason. */
export function pickQuery(input: { q: string; type?: RdapQueryType; by?: string }): Classification {
  const type = input.type ?? "auto";
  const q = input.q.trim();
  if (type === "auto") return classifyQuery(q);
  if (!q) return { ok: false, reason: "empty query" };
  switch (type) {
    case "domain":
    case "nameserver": {
      const n = toAsciiName(q);
      if (!n) return { ok: false, reason: `"${q}" is not a domain name` };
      return { ok: true, type: "domain", query: { kind: type, name: n }, normalized: n };
    }
    case "entity":
      return { ok: true, type: "entity", query: { kind: "entity", handle: q }, normalized: q };
    case "ip":
    case "autnum": {
      const c = classifyQuery(q);
      const fits = c.ok && (type === "ip" ? c.query.kind === "ip" : c.query.kind === "autnum");
      if (fits) return c;
      return {
        ok: false,
        reason: `"${q}" is not ${type === "ip" ? "an IP address or prefix" : "an AS number"}`,
      };
    }
    default: {
      const allowed = SEARCH_BY[type];
      const by = input.by ?? allowed[0];
      if (!by || !allowed.includes(by))
        return { ok: false, reason: `a ${type} search is by ${allowed.join(", ")}, not ${input.by}` };
      const value = by === "fn" ? q : q.toLowerCase();
      return { ok: true, type: "domains", query: { kind: type, by, value } as RdapQuery, normalized: value };
    }
  }
}
