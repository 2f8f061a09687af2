import { LEASE_STATES, parseCidr } from "@netops/protocols/dhcp";
import { z } from "zod";
import { writeUrlState } from "../../lib/urlState";

/** The lease table's filters as they live in the URL (?cidr=&state=&source=&mac=&hostname=&clientId=&cursor=). */
export const leaseFiltersSchema = z.object({
  cidr: z
    .string()
    .refine((s) => s === "" || parseCidr(s) !== null, "not a subnet in CIDR notation (10.0.0.0/16)")
    .default(""),
  state: z.array(z.enum(LEASE_STATES)).default([]),
  source: z.array(z.number().int().positive()).default([]),
  mac: z.string().default(""),
  hostname: z.string().default(""),
  clientId: z.string().default(""),
  cursor: z.string().default(""),
});

export type LeaseFilters = z.output<typeof leaseFiltersSchema>;

/** The API input; a CIDR the server would refuse is left out (the page says why). */
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
  const q = writeUrlState(leaseFiltersSchema, {
    ...f,
    cursor: "",
    cidr: parseCidr(f.cidr) ? f.cidr : "",
  }).toString();
  return `/api/export/dhcp/leases.csv${q ? `?${q}` : ""}`;
}

/**
 * The pool an alert or a search hit points at (`/dhcp?pool=2`): highlighted in the pools table and
 * scrolled into view. Its own schema, beside the lease filters: it focuses, it does not filter leases.
 */
export const poolFocusSchema = z.object({
  pool: z
    .number({ error: "a pool is given by its id, a whole number such as 2" })
    .int("a pool is given by its id, a whole number such as 2")
    .positive("a pool id is 1 or more")
    .nullable()
    .default(null),
});
