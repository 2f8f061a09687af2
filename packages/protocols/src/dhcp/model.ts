import { z } from "zod";
import { parseAddress } from "./address";
import { type LeaseParseError, leaseFormatSchema } from "./errors";

/**
 * One lease model for Kea memfile CSV, ISC dhcpd.leases and dnsmasq.leases.
 *
 * Times are epoch seconds (UTC) everywhere: cheap to produce in the hot path, JSON-safe, and every
 * source format is already seconds-based. `null` means "not in this source" or, for `ends`,
 * "never expires" (dhcpd `ends never`, dnsmasq expiry 0, Kea infinite lifetime).
 */

export const LEASE_STATES = [
  "offered", // in flight between OFFER and ACK; no lease file records it, log/packet views use it
  "bound", // Kea state 0, dhcpd "active", every dnsmasq row
  "expired", // dhcpd "expired"; also what effectiveState() reports for a bound lease past `ends`
  "released", // Kea state 3, dhcpd "released"
  "declined", // Kea state 1
  "reclaimed", // Kea state 2 (expired-reclaimed)
  "backup", // dhcpd failover: free, owned by the secondary
  "free", // dhcpd "free" and "reset" (failover: reset by an operator, i.e. free)
  "abandoned", // dhcpd "abandoned"
  "registered", // Kea state 4 (DHCPv6 address registration, RFC 9686)
  "unknown", // a code this parser does not know; the raw value stays in `raw`
] as const;
export const leaseStateSchema = z.enum(LEASE_STATES);
export type LeaseState = z.infer<typeof leaseStateSchema>;

/** V4 for DHCPv4; IA_NA / IA_TA / IA_PD for DHCPv6 (Kea lease_type 0/1/2). */
export const LEASE_TYPES = ["V4", "IA_NA", "IA_TA", "IA_PD"] as const;
export const leaseTypeSchema = z.enum(LEASE_TYPES);
export type LeaseType = z.infer<typeof leaseTypeSchema>;

const epochSeconds = z.number().int();
const uint32 = z.number().int().min(0).max(0xffffffff);

export const dhcpLeaseSchema = z.object({
  format: leaseFormatSchema,
  family: z.union([z.literal(4), z.literal(6)]),
  /** Canonical text (dotted quad, RFC 5952). For IA_PD this is the prefix. */
  address: z.string(),
  /** addressSortKey(address): "v4:" + 8 hex or "v6:" + 32 hex. */
  addressKey: z.string().regex(/^(v4:[0-9a-f]{8}|v6:[0-9a-f]{32})$/),
  /** 32 for v4, 128 for v6 addresses, the delegated length for IA_PD. */
  prefixLength: z.number().int().min(0).max(128),
  leaseType: leaseTypeSchema,
  /** Lower-case colon form; null when the source has none. */
  hwAddress: z.string().nullable(),
  /** ARP hardware type (1 = Ethernet) when the source says so. */
  hwType: z.number().int().nullable(),
  /** DHCPv4 client identifier (option 61) or DHCPv6 client DUID, lower-case colon hex. */
  clientId: z.string().nullable(),
  iaid: uint32.nullable(),
  hostname: z.string().nullable(),
  state: leaseStateSchema,
  /** Kea: a row with valid_lifetime 0 is a delete marker for the address (see kea.ts). */
  deleted: z.boolean(),
  starts: epochSeconds.nullable(),
  ends: epochSeconds.nullable(),
  cltt: epochSeconds.nullable(),
  validLifetime: uint32.nullable(),
  preferredLifetime: uint32.nullable(),
  subnetId: uint32.nullable(),
  poolId: uint32.nullable(),
  fqdnFwd: z.boolean().nullable(),
  fqdnRev: z.boolean().nullable(),
  /** Kea user_context (always a JSON object there). */
  userContext: z.record(z.string(), z.unknown()).nullable(),
  /** dhcpd failover times (tstp, tsfp, atsfp); null when none were written. */
  failover: z
    .object({ tstp: epochSeconds.nullable(), tsfp: epochSeconds.nullable(), atsfp: epochSeconds.nullable() })
    .nullable(),
  /** Which server the file came from; the parsers copy it from their options, never guess it. */
  server: z.string().nullable(),
  /** 1-based line where the record starts in its file. */
  line: z.number().int().positive(),
  /**
   * Source text as written, for detail views. dhcpd: statement → text after the keyword
   * ("binding state" → "active", "set ddns-fwd-name" → "\"x\""); dnsmasq: field name → field;
   * Kea: { header, row } (see keaRawFields).
   */
  raw: z.record(z.string(), z.string()),
});
export type DhcpLease = z.infer<typeof dhcpLeaseSchema>;

export interface LeaseItem {
  kind: "lease";
  lease: DhcpLease;
}

/** Metadata lines that are not leases (Kea header, dhcpd server-duid, dnsmasq duid, ...). */
export interface DirectiveItem {
  kind: "directive";
  name: string;
  value: string;
  line: number;
}

export type LeaseParseItem = LeaseItem | LeaseParseError | DirectiveItem;

export interface ParserOptions {
  /** Copied into every lease's `server`. */
  server?: string | null;
  /** Lines longer than this are rejected with "line-too-long" (default 64 KiB). */
  maxLineLength?: number;
}

/** A lease of `format` with nothing known yet, which a parser fills in from the record it reads. */
export function emptyLease(
  format: DhcpLease["format"],
  family: 4 | 6,
  line: number,
  server: string | null,
): DhcpLease {
  return {
    format,
    family,
    address: "",
    addressKey: "",
    prefixLength: family === 4 ? 32 : 128,
    leaseType: family === 4 ? "V4" : "IA_NA",
    hwAddress: null,
    hwType: null,
    clientId: null,
    iaid: null,
    hostname: null,
    state: "unknown",
    deleted: false,
    starts: null,
    ends: null,
    cltt: null,
    validLifetime: null,
    preferredLifetime: null,
    subnetId: null,
    poolId: null,
    fqdnFwd: null,
    fqdnRev: null,
    userContext: null,
    failover: null,
    server,
    line,
    raw: {},
  };
}

/**
 * Lease state at a point in time: a bound lease whose `ends` has passed is "expired" (Kea keeps
 * state 0 until reclamation runs; dnsmasq drops the row only on its next rewrite).
 */
export function effectiveState<S extends string = LeaseState>(
  lease: { state: S; ends: number | null },
  nowSeconds: number,
): S | "expired" {
  if (lease.state === "bound" && lease.ends !== null && lease.ends <= nowSeconds) return "expired";
  return lease.state;
}

/** Identity used for "later record replaces earlier": the address, plus the length for prefixes. */
export function leaseKey(lease: DhcpLease): string {
  return lease.leaseType === "IA_PD" ? `${lease.addressKey}/${lease.prefixLength}` : lease.addressKey;
}

/**
 * Folds a stream of leases into the current table, as the servers do when they load their files:
 * a later record for the same address replaces the earlier one, and a Kea delete marker
 * (`deleted`) removes it. Insertion order of surviving keys follows their first appearance.
 */
export class LeaseTable {
  private readonly map = new Map<string, DhcpLease>();

  apply(lease: DhcpLease): void {
    const key = leaseKey(lease);
    if (lease.deleted) this.map.delete(key);
    else this.map.set(key, lease);
  }

  /** Looks up by address text (any spelling); pass `prefixLength` for an IA_PD prefix. */
  get(address: string, prefixLength?: number): DhcpLease | undefined {
    const p = parseAddress(address);
    if (!p) return undefined;
    return this.map.get(prefixLength === undefined ? p.key : `${p.key}/${prefixLength}`);
  }

  getByKey(key: string): DhcpLease | undefined {
    return this.map.get(key);
  }

  get size(): number {
    return this.map.size;
  }

  values(): IterableIterator<DhcpLease> {
    return this.map.values();
  }

  /** Leases ordered by address (v4 first), using the sort keys. */
  sorted(): DhcpLease[] {
    return [...this.map.values()].sort((a, b) =>
      a.addressKey < b.addressKey ? -1 : a.addressKey > b.addressKey ? 1 : a.prefixLength - b.prefixLength,
    );
  }
}

/** RFC 2131 §3.1 / RFC 2132 §9.6 (option 53) message types, with their numbers. */
export const DHCP_MESSAGE_TYPES = {
  DISCOVER: 1,
  OFFER: 2,
  REQUEST: 3,
  DECLINE: 4,
  ACK: 5,
  NAK: 6,
  RELEASE: 7,
  INFORM: 8,
} as const;
export type DhcpMessageTypeName = keyof typeof DHCP_MESSAGE_TYPES;
export const dhcpMessageTypeNameSchema = z.enum([
  "DISCOVER",
  "OFFER",
  "REQUEST",
  "DECLINE",
  "ACK",
  "NAK",
  "RELEASE",
  "INFORM",
]);

/** Who sends each message (RFC 2131 table 2 / §3). */
export const DHCP_MESSAGE_DIRECTION: Readonly<
  Record<DhcpMessageTypeName, "client-to-server" | "server-to-client">
> = {
  DISCOVER: "client-to-server",
  OFFER: "server-to-client",
  REQUEST: "client-to-server",
  DECLINE: "client-to-server",
  ACK: "server-to-client",
  NAK: "server-to-client",
  RELEASE: "client-to-server",
  INFORM: "client-to-server",
};

/** The normal allocation exchange (RFC 2131 §3.1), in order. */
export const DORA_FLOW: readonly DhcpMessageTypeName[] = ["DISCOVER", "OFFER", "REQUEST", "ACK"];

export function dhcpMessageTypeName(code: number): DhcpMessageTypeName | null {
  for (const [name, n] of Object.entries(DHCP_MESSAGE_TYPES)) {
    if (n === code) return name as DhcpMessageTypeName;
  }
  return null;
}
