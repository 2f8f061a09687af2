/**
 * The lease table's filters as pure rules: how typed prefixes are normalised, and which lease a
 * filter keeps. The server turns them into SQL ranges (packages/api/src/features/dhcp/query.ts);
 * the mock API applies `leaseMatches` to its fixtures, so both find the same leases.
 */
import { z } from "zod";
import { parseCidr } from "./address";
import { LEASE_STATES } from "./model";

/** Filters of the lease table; every one maps onto an index on the server (see dhcp.prisma). */
export const leaseFilterSchema = z.object({
  /** Subnet in CIDR form, or a single address. */
  cidr: z
    .string()
    .max(64)
    .refine((s) => parseCidr(s) !== null, "not an address or CIDR prefix (e.g. 10.0.0.0/16)")
    .optional(),
  state: z.array(z.enum(LEASE_STATES)).max(LEASE_STATES.length).optional(),
  sourceId: z.array(z.number().int().positive()).max(100).optional(),
  /** Prefix of the hardware address, any separator ("00:1a:2b", "00-1A", "001a2b"). */
  mac: z.string().max(64).optional(),
  /** Prefix of the hostname, case-insensitive. */
  hostname: z.string().max(255).optional(),
  /** Prefix of the client-id / DUID in hex. */
  clientId: z.string().max(400).optional(),
});
export type LeaseFilter = z.infer<typeof leaseFilterSchema>;

export const leasePageSchema = leaseFilterSchema.extend({
  limit: z.number().int().min(1).max(500).default(50),
  /** Keyset cursor from the previous page (`nextCursor`): the last lease's address key and id. */
  cursor: z
    .string()
    .regex(/^(v4:[0-9a-f]{8}|v6:[0-9a-f]{32})\.[0-9]+$/, "not a cursor from this API")
    .optional(),
});
export type LeasePageInput = z.input<typeof leasePageSchema>;

/** The lease-table filter fields, as `leaseMatches` reads them. */
export interface LeaseFilterInput {
  cidr?: string | undefined;
  state?: readonly string[] | undefined;
  sourceId?: readonly number[] | undefined;
  mac?: string | undefined;
  hostname?: string | undefined;
  clientId?: string | undefined;
}

/** What `leaseMatches` reads of a lease. */
export interface FilterableLease {
  addressKey: string;
  state: string;
  sourceId: number;
  hwAddress: string | null;
  clientId: string | null;
  hostname: string | null;
}

/**
 * Normalises what a person types for a hex prefix: lower case, colon separated. "00-1A-2B",
 * "001a2b" and "001a.2b" all become "00:1a:2b"; "0-1A" becomes "00:1a" (octets before the last
 * are whole, the last may be half typed).
 */
export function hexPrefix(input: string): string {
  const t = input.trim().toLowerCase().replace(/-/g, ":");
  if (!t.includes(":")) return (t.replace(/[^0-9a-f]/g, "").match(/.{1,2}/g) ?? []).join(":");
  const parts = t.split(":");
  const last = parts.pop() ?? "";
  return [...parts.map((p) => p.padStart(2, "0")), last].join(":");
}

/** The stored, searchable form of a hostname (the `hostnameKey` column). */
export function hostnameKey(hostname: string): string {
  return hostname.toLowerCase();
}

/** The hostname prefix a filter searches for, or null when it searches none. */
export function hostnamePrefix(input: string | undefined): string | null {
  const t = input?.trim();
  return t ? hostnameKey(t) : null;
}

/** True when the lease passes every filter given (the SQL WHERE of the lease table, in memory). */
export function leaseMatches(lease: FilterableLease, f: LeaseFilterInput): boolean {
  if (f.cidr) {
    const c = parseCidr(f.cidr);
    if (c && (lease.addressKey < c.lowKey || lease.addressKey > c.highKey)) return false;
  }
  if (f.state?.length && !f.state.includes(lease.state)) return false;
  if (f.sourceId?.length && !f.sourceId.includes(lease.sourceId)) return false;
  const prefixed = (value: string | null, prefix: string | null) =>
    !prefix || value?.startsWith(prefix) === true;
  if (f.mac && !prefixed(lease.hwAddress, hexPrefix(f.mac))) return false;
  if (f.clientId && !prefixed(lease.clientId, hexPrefix(f.clientId))) return false;
  const host = hostnamePrefix(f.hostname);
  return prefixed(lease.hostname === null ? null : hostnameKey(lease.hostname), host);
}
