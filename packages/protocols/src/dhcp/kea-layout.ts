/**
 * Kea memfile CSV columns: the header → layout mapping (which column holds what, per schema
 * version), Kea's lease-state numbers, and the raw-row expansion for detail views. See kea.ts for
 * the format notes.
 */

import type { DhcpLease, LeaseParseItem, LeaseState, LeaseType, ParserOptions } from "./model";

export const KEA_V4_COLUMNS = [
  "address",
  "hwaddr",
  "client_id",
  "valid_lifetime",
  "expire",
  "subnet_id",
  "fqdn_fwd",
  "fqdn_rev",
  "hostname",
  "state",
  "user_context",
  "pool_id",
] as const;

export const KEA_V6_COLUMNS = [
  "address",
  "duid",
  "valid_lifetime",
  "expire",
  "subnet_id",
  "pref_lifetime",
  "lease_type",
  "iaid",
  "prefix_len",
  "fqdn_fwd",
  "fqdn_rev",
  "hostname",
  "hwaddr",
  "state",
  "user_context",
  "hwtype",
  "hwaddr_source",
  "pool_id",
] as const;

/** Kea refuses files with fewer columns than these (setMinimumValidColumns("hostname")). */
const V4_REQUIRED = KEA_V4_COLUMNS.slice(0, 9);
const V6_REQUIRED = KEA_V6_COLUMNS.slice(0, 12);

export const KEA_LEASE_STATES: Readonly<Record<number, LeaseState>> = {
  0: "bound",
  1: "declined",
  2: "reclaimed",
  3: "released",
  4: "registered",
};

export const V6_TYPES: readonly LeaseType[] = ["IA_NA", "IA_TA", "IA_PD"];
/** valid_lifetime 0xffffffff: an infinite lease (no end). */
export const INFINITE = 0xffffffff;
/** Kea subnet ids are 32-bit unsigned; 0 means "no subnet" and 0xffffffff "any" in Kea (SubnetID). */
export const KEA_SUBNET_ID_MIN = 1;
export const KEA_SUBNET_ID_MAX = 0xfffffffe;

/** Why `v` is not a Kea subnet id (an integer 1 … 4294967294), or null when it is one. */
export function keaSubnetIdError(v: unknown): string | null {
  if (typeof v === "number" && Number.isInteger(v) && v >= KEA_SUBNET_ID_MIN && v <= KEA_SUBNET_ID_MAX)
    return null;
  const shown = typeof v === "string" ? JSON.stringify(v.slice(0, 80)) : String(JSON.stringify(v) ?? v);
  return `subnet id ${shown} is not an integer from ${KEA_SUBNET_ID_MIN} to ${KEA_SUBNET_ID_MAX}`;
}

export interface KeaHeaderItem {
  kind: "header";
  family: 4 | 6;
  columns: string[];
  line: number;
}

export type KeaParseItem = LeaseParseItem | KeaHeaderItem;

export interface KeaParserOptions extends ParserOptions {
  /**
   * Family to assume when rows arrive before any header (e.g. a caller that stripped it): the
   * current full column set of that family is used. Without it such rows are "missing-header".
   */
  assumeFamily?: 4 | 6;
  /**
   * Read v4 rows in Kea's own column order with the fused single-pass reader (default true). Off,
   * every row takes the general path; the results are identical either way (tests compare them).
   */
  fastPath?: boolean;
}

export interface Layout {
  family: 4 | 6;
  names: string[];
  ncols: number;
  /** v4 with the columns in Kea's order (any schema version from 1.0): rows go to readV4. */
  keaOrder4: boolean;
  address: number;
  hwaddr: number;
  clientId: number; // client_id (v4) or duid (v6)
  valid: number;
  expire: number;
  subnet: number;
  fwd: number;
  rev: number;
  hostname: number;
  state: number;
  ctx: number;
  pool: number;
  pref: number;
  type: number;
  iaid: number;
  plen: number;
  hwtype: number;
}

export function layoutOf(names: string[]): Layout | string {
  const seen = new Set<string>();
  for (const n of names) {
    if (n === "") return "empty column name";
    if (seen.has(n)) return `column "${n}" appears twice`;
    seen.add(n);
  }
  const family: 4 | 6 = seen.has("duid") ? 6 : 4;
  for (const r of family === 4 ? V4_REQUIRED : V6_REQUIRED) {
    if (!seen.has(r)) return `required column "${r}" missing for a DHCPv${family} lease file`;
  }
  const ix = (n: string) => names.indexOf(n);
  return {
    family,
    names,
    ncols: names.length,
    keaOrder4:
      family === 4 && names.length <= KEA_V4_COLUMNS.length && names.every((n, i) => n === KEA_V4_COLUMNS[i]),
    address: ix("address"),
    hwaddr: ix("hwaddr"),
    clientId: family === 4 ? ix("client_id") : ix("duid"),
    valid: ix("valid_lifetime"),
    expire: ix("expire"),
    subnet: ix("subnet_id"),
    fwd: ix("fqdn_fwd"),
    rev: ix("fqdn_rev"),
    hostname: ix("hostname"),
    state: ix("state"),
    ctx: ix("user_context"),
    pool: ix("pool_id"),
    pref: ix("pref_lifetime"),
    type: ix("lease_type"),
    iaid: ix("iaid"),
    plen: ix("prefix_len"),
    hwtype: ix("hwtype"),
  };
}

const V4_STATES: readonly LeaseState[] = ["bound", "declined", "reclaimed", "released"];

/** Kea's state number → LeaseState for a v4 row (4, STATE_REGISTERED, exists for DHCPv6 only). */
export function v4State(code: number): LeaseState {
  return code < 4 ? V4_STATES[code]! : "unknown";
}

/**
 * Column → field text (as written, still escaped) of a lease parsed from Kea CSV. The parser keeps
 * only `raw.header` and `raw.row` (two references to strings it already has) so the hot path does
 * not build a 12–18 key map per row; detail views expand it with this.
 */
export function keaRawFields(lease: Pick<DhcpLease, "raw">): Record<string, string> {
  const names = (lease.raw.header ?? "").split(",");
  const values = (lease.raw.row ?? "").split(",");
  const out: Record<string, string> = {};
  for (let i = 0; i < names.length; i++) out[names[i]!] = values[i] ?? "";
  return out;
}
