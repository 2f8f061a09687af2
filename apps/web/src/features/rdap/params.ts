/** The RDAP page's state in the URL: query, type, sort and field set. */
import { RDAP_QUERY_TYPES, type RdapQueryType } from "@netops/protocols/rdap";

export interface RdapParams {
  q: string;
  type: RdapQueryType;
  sort: string;
  fieldSet: string;
}

export function parseRdapParams(p: URLSearchParams): RdapParams {
  const type = p.get("type") ?? "auto";
  return {
    q: p.get("q") ?? "",
    type: (RDAP_QUERY_TYPES as readonly string[]).includes(type) ? (type as RdapQueryType) : "auto",
    sort: p.get("sort") ?? "",
    fieldSet: p.get("fieldSet") ?? "",
  };
}

export function serializeRdapParams(r: RdapParams): URLSearchParams {
  const out = new URLSearchParams();
  if (r.q) out.set("q", r.q);
  if (r.type !== "auto") out.set("type", r.type);
  if (r.sort) out.set("sort", r.sort);
  if (r.fieldSet) out.set("fieldSet", r.fieldSet);
  return out;
}

/** The tRPC input: sort and field set only for searches, only when chosen. */
export function toQueryInput(r: RdapParams) {
  return {
    q: r.q,
    type: r.type,
    count: true,
    ...(r.sort ? { sort: r.sort } : {}),
    ...(r.fieldSet ? { fieldSet: r.fieldSet } : {}),
  };
}

const PICKED: Record<string, string> = {
  domain: "domain lookup",
  nameserver: "nameserver lookup",
  entity: "entity lookup by handle",
  ip: "IP network lookup",
  autnum: "AS number lookup",
  domains: "domain search",
  nameservers: "nameserver search",
  entities: "entity search",
};

/** "domain search for *.example" — what the search box understood. */
export function describePicked(p: { type: string; normalized: string }): string {
  const what =
    p.type === "ip" && p.normalized.includes("/") ? "IP prefix lookup" : (PICKED[p.type] ?? p.type);
  return `${what} for ${p.normalized}`;
}
