/** The RDAP page's state in the URL (read and written by lib/urlState): query, type, sort and field set. */
import { RDAP_QUERY_TYPES } from "@netops/protocols/rdap";
import { z } from "zod";

export const rdapParamsSchema = z.object({
  q: z.string().default(""),
  type: z.enum(RDAP_QUERY_TYPES).default("auto"),
  sort: z.string().default(""),
  fieldSet: z.string().default(""),
});

export type RdapParams = z.output<typeof rdapParamsSchema>;

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
