/**
 * RFC 9082 query paths, with RFC 8977 (count, sort, cursor) and RFC 8982 (fieldSet) parameters
 * for searches. Builders validate their input and throw `QueryError` with the reason.
 */
import { parseIp, parsePrefix } from "./ip";

export type LookupQuery =
  | { kind: "domain"; name: string }
  | { kind: "nameserver"; name: string }
  | { kind: "entity"; handle: string }
  | { kind: "ip"; address: string }
  | { kind: "autnum"; asn: number }
  | { kind: "help" };

export type SearchQuery =
  | { kind: "domains"; by: "name" | "nsLdhName" | "nsIp"; value: string }
  | { kind: "nameservers"; by: "name" | "ip"; value: string }
  | { kind: "entities"; by: "fn" | "handle"; value: string };

export type RdapQuery = LookupQuery | SearchQuery;

export interface SortKey {
  property: string;
  direction?: "a" | "d";
}

export interface SearchOptions {
  /** RFC 8977 §2.1: ask for `totalCount` in paging_metadata. */
  count?: boolean;
  /** RFC 8977 §2.2 */
  sort?: SortKey[];
  /** RFC 8977 §2.3: opaque cursor from a previous page's link. */
  cursor?: string;
  /** RFC 8982 §2: id, brief, full, or a server-defined name. */
  fieldSet?: string;
}

export class QueryError extends Error {}

export const isSearch = (q: RdapQuery): q is SearchQuery =>
  q.kind === "domains" || q.kind === "nameservers" || q.kind === "entities";

const PROPERTY = /^[A-Za-z0-9_.-]+$/;
const FIELD_SET = /^[A-Za-z0-9_.-]+$/;
const MAX_VALUE = 1024;

/** Parses "prop[:a|d][,prop…]" as written on a command line or a URL. */
export function parseSort(text: string): SortKey[] {
  const keys: SortKey[] = [];
  for (const part of text.split(",")) {
    const m = /^([^:]+)(?::([ad]))?$/.exec(part.trim());
    if (!m?.[1] || !PROPERTY.test(m[1]))
      throw new QueryError(`sort: "${part}" is not property[:a|d] (e.g. registrationDate:d)`);
    keys.push(m[2] ? { property: m[1], direction: m[2] as "a" | "d" } : { property: m[1] });
  }
  return keys;
}

export const formatSort = (keys: SortKey[]): string =>
  keys.map((k) => (k.direction ? `${k.property}:${k.direction}` : k.property)).join(",");

/** Percent-encodes a path segment but keeps characters RFC 9082 uses literally. */
const segment = (s: string): string => encodeURIComponent(s).replace(/%2A/g, "*");

function nonEmpty(what: string, v: string): string {
  const t = v.trim();
  if (!t) throw new QueryError(`${what} is empty`);
  if (t.length > MAX_VALUE) throw new QueryError(`${what} is longer than ${MAX_VALUE} characters`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(t)) throw new QueryError(`${what} contains control characters`);
  return t;
}

/** The path relative to a base URL, e.g. `domain/example.com` or `domains?name=ex*.com&count=true`. */
export function queryPath(q: RdapQuery, options: SearchOptions = {}): string {
  let path: string;
  switch (q.kind) {
    case "domain":
      path = `domain/${segment(nonEmpty("domain name", q.name).replace(/\.$/, ""))}`;
      break;
    case "nameserver":
      path = `nameserver/${segment(nonEmpty("nameserver name", q.name).replace(/\.$/, ""))}`;
      break;
    case "entity":
      path = `entity/${segment(nonEmpty("entity handle", q.handle))}`;
      break;
    case "ip": {
      const a = nonEmpty("IP address", q.address);
      // RFC 9082 §3.1.1: ip/<address> or ip/<prefix>/<length>; the slash stays literal.
      if (a.includes("/")) {
        if (!parsePrefix(a)) throw new QueryError(`"${a}" is not an IP prefix`);
        const [addr, len] = a.split("/");
        path = `ip/${addr}/${len}`;
      } else {
        if (!parseIp(a)) throw new QueryError(`"${a}" is not an IP address`);
        path = `ip/${a}`;
      }
      break;
    }
    case "autnum":
      if (!Number.isInteger(q.asn) || q.asn < 0 || q.asn > 4294967295)
        throw new QueryError(`${q.asn} is not an AS number (0–4294967295)`);
      path = `autnum/${q.asn}`;
      break;
    case "help":
      path = "help";
      break;
    default:
      path = `${q.kind}?${q.by}=${segment(nonEmpty(`${q.kind} ${q.by}`, q.value))}`;
  }
  const params: string[] = [];
  const { count, sort, cursor, fieldSet } = options;
  if (count || sort?.length || cursor !== undefined || fieldSet !== undefined) {
    if (!isSearch(q)) throw new QueryError("count, sort, cursor and fieldSet apply only to searches");
  }
  if (count) params.push("count=true");
  if (sort?.length) {
    for (const k of sort)
      if (!PROPERTY.test(k.property)) throw new QueryError(`sort property "${k.property}" is not a name`);
    params.push(`sort=${encodeURIComponent(formatSort(sort)).replace(/%3A/g, ":").replace(/%2C/g, ",")}`);
  }
  if (cursor !== undefined) params.push(`cursor=${encodeURIComponent(nonEmpty("cursor", cursor))}`);
  if (fieldSet !== undefined) {
    if (!FIELD_SET.test(fieldSet)) throw new QueryError(`fieldSet "${fieldSet}" is not a name`);
    params.push(`fieldSet=${fieldSet}`);
  }
  return params.length ? `${path}${path.includes("?") ? "&" : "?"}${params.join("&")}` : path;
}

/** Joins a bootstrap base URL (which should end in "/", RFC 9224 §3) and a query path. */
export function queryUrl(base: string, q: RdapQuery, options: SearchOptions = {}): string {
  const b = base.endsWith("/") ? base : `${base}/`;
  return `${b}${queryPath(q, options)}`;
}
