/** The RDAP page's state in the URL (read and written by lib/urlState): query, type, sort and field set. */
import { parseSort, RDAP_QUERY_TYPES } from "@netops/protocols/rdap";
import { z } from "zod";

/** RFC 8977 `sort` as the protocol code reads it (`registrationDate:d,ldhName`); its message says what is wrong. */
function sortIssue(s: string, ctx: z.RefinementCtx) {
  if (s === "") return;
  try {
    parseSort(s);
  } catch (e) {
    ctx.addIssue({ code: "custom", message: (e as Error).message.replace(/^sort: /, "") });
  }
}

/** The same limits as the server's input (packages/api rdap router), so a bad link is caught on its field. */
export const rdapParamsSchema = z.object({
  q: z.string().max(255).default(""),
  type: z
    .enum(RDAP_QUERY_TYPES, { message: `not a query type (${RDAP_QUERY_TYPES.join(", ")})` })
    .default("auto"),
  sort: z.string().max(200).superRefine(sortIssue).default(""),
  fieldSet: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_.-]*$/, "not a field set name (id, brief, full …)")
    .default(""),
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
