/**
 * ISC Kea memfile lease files (kea-leases4.csv / kea-leases6.csv, also `kea-admin lease-dump`).
 *
 * What this implements (checked against Kea's csv_lease_file{4,6}.cc, csv_file.cc and
 * lease_file_loader.h):
 * - The header line names the columns. Kea grew them over schema versions, so the header decides
 *   the layout: v4 `address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,
 *   hostname` (1.0) `,state` (2.0) `,user_context` (2.1) `,pool_id` (3.0); v6 `address,duid,
 *   valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,fqdn_fwd,fqdn_rev,
 *   hostname` (1.0) `,hwaddr` (2.0) `,state` (3.0) `,user_context` (3.1) `,hwtype,hwaddr_source`
 *   (4.0) `,pool_id` (5.0). Missing later columns take Kea's defaults (state 0, pool_id 0); unknown
 *   extra columns are kept in `raw`. A header line may reappear mid-stream (concatenated files).
 * - Kea never quotes fields: it writes `,` in text fields as `&#x2c` and `&` as `&#x26` (any
 *   `&#xHH` is decoded; `&#x` not followed by two hex digits stays literal). Only hostname and
 *   user_context are escaped, so every other field is split on plain commas.
 * - `expire` = cltt + valid_lifetime, so cltt = expire − valid_lifetime. Kea has no separate start
 *   time; `starts` is set to cltt. valid_lifetime 0xffffffff is "infinite": `ends` is null.
 * - state: 0 default (bound), 1 declined, 2 expired-reclaimed, 3 released, 4 registered; other
 *   numbers map to "unknown" with the number kept in raw.state.
 * - The file is append-only: the last row for an address wins, and a row with valid_lifetime 0 is
 *   a delete marker (Kea erases the address when loading). Rows are emitted in file order with
 *   `deleted` set on markers; `LeaseTable` applies the last-row-wins / delete rule (what the LFC
 *   process does when it compacts the file).
 * Deliberate differences from Kea: an empty v4 hwaddr is accepted whatever the state (Kea only
 * accepts it for declined leases; real files have it), and a malformed v6 hwaddr rejects the row
 * with an error (Kea logs a warning and drops just the hwaddr).
 */

import { ipv4SortKey, parseAddress, parseIPv4 } from "./address";
import { type LeaseParseError, leaseError } from "./errors";
import { normalizeHex } from "./hwaddr";
import { LineSplitter } from "./lines";
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

const V6_TYPES: readonly LeaseType[] = ["IA_NA", "IA_TA", "IA_PD"];
const INFINITE = 0xffffffff;

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
}

interface Layout {
  family: 4 | 6;
  names: string[];
  ncols: number;
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

function layoutOf(names: string[]): Layout | string {
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

/** Decimal unsigned integer, no sign, no spaces; -1 when invalid or above `max`. */
function parseUint(s: string, max: number): number {
  const n = s.length;
  if (n === 0 || n > 16) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v > max ? -1 : v;
}

function hexv(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * Reverses Kea's CSVRow::escapeCharacters: `&#x` + two hex digits is one octet (Kea only escapes
 * ASCII `,` and `&`, so octets map straight to UTF-16 code units); `&#x` without two hex digits
 * after it is literal text.
 */
export function keaUnescape(s: string): string {
  let at = s.indexOf("&#x");
  if (at === -1) return s;
  let out = "";
  let from = 0;
  while (at !== -1) {
    const h = at + 3 < s.length ? hexv(s.charCodeAt(at + 3)) : -1;
    const l = at + 4 < s.length ? hexv(s.charCodeAt(at + 4)) : -1;
    if (h < 0 || l < 0) {
      at = s.indexOf("&#x", at + 3);
      continue;
    }
    out += s.slice(from, at) + String.fromCharCode(h * 16 + l);
    from = at + 5;
    at = s.indexOf("&#x", from);
  }
  return out + s.slice(from);
}

/** Kea's escapeCharacters for the text columns (for writers and round-trip tests). */
export function keaEscape(s: string): string {
  return s.replace(/[&,]/g, (c) => (c === "," ? "&#x2c" : "&#x26"));
}

export class KeaCsvParser {
  private out: KeaParseItem[] = [];
  private layout: Layout | null = null;
  private readonly lines: LineSplitter;
  private readonly server: string | null;

  constructor(options: KeaParserOptions = {}) {
    this.server = options.server ?? null;
    if (options.assumeFamily) {
      const l = layoutOf([...(options.assumeFamily === 4 ? KEA_V4_COLUMNS : KEA_V6_COLUMNS)]);
      if (typeof l !== "string") this.layout = l;
    }
    this.lines = new LineSplitter(
      (text, lineNo, terminated) => this.line(text, lineNo, terminated),
      (lineNo, head) =>
        this.out.push(
          leaseError("kea-csv", "line-too-long", lineNo, null, "line exceeds the maximum length", head),
        ),
      options.maxLineLength,
    );
  }

  /** Feeds a chunk of text (any split, including mid-line); returns the items completed by it. */
  push(chunk: string): KeaParseItem[] {
    this.lines.push(chunk);
    const o = this.out;
    this.out = [];
    return o;
  }

  /** Ends the input: flushes a last line without newline. */
  end(): KeaParseItem[] {
    this.lines.end();
    const o = this.out;
    this.out = [];
    return o;
  }

  private err(code: LeaseParseError["code"], lineNo: number, field: string | null, reason: string, text: string) {
    this.out.push(leaseError("kea-csv", code, lineNo, field, reason, text));
  }

  private line(text: string, lineNo: number, terminated: boolean): void {
    if (text.length === 0) return;
    // Rows start with an IP address, so a line starting with the first column name is a header.
    if (text.charCodeAt(0) === 97 && text.startsWith("address,")) {
      const names = text.split(",");
      const l = layoutOf(names);
      if (typeof l === "string") {
        this.layout = null;
        this.err("bad-header", lineNo, null, l, text);
        return;
      }
      this.layout = l;
      this.out.push({ kind: "header", family: l.family, columns: names, line: lineNo });
      return;
    }
    const L = this.layout;
    if (L === null) {
      this.err("missing-header", lineNo, null, "row before a valid header line", text);
      return;
    }
    const f = text.split(",");
    if (f.length !== L.ncols) {
      const truncated = !terminated && f.length < L.ncols;
      this.err(
        truncated ? "truncated-row" : "column-count",
        lineNo,
        null,
        `expected ${L.ncols} columns, got ${f.length}${truncated ? " (input ended mid-row)" : ""}`,
        text,
      );
      return;
    }
    const lease = L.family === 4 ? this.row4(L, f, lineNo, text) : this.row6(L, f, lineNo, text);
    if (lease !== null) this.out.push({ kind: "lease", lease });
  }

  private raw(L: Layout, f: string[]): Record<string, string> {
    const raw: Record<string, string> = {};
    for (let i = 0; i < L.ncols; i++) raw[L.names[i]!] = f[i]!;
    return raw;
  }

  /** Parses the columns both families share; returns null (after recording an error) on failure. */
  private common(L: Layout, f: string[], lineNo: number, text: string) {
    const valid = parseUint(f[L.valid]!, INFINITE);
    if (valid < 0) return this.bad("bad-number", lineNo, "valid_lifetime", f[L.valid]!, text);
    const expire = parseUint(f[L.expire]!, Number.MAX_SAFE_INTEGER);
    if (expire < 0) return this.bad("bad-number", lineNo, "expire", f[L.expire]!, text);
    if (expire < valid)
      return this.bad("bad-value", lineNo, "expire", f[L.expire]!, text, "expire is smaller than valid_lifetime");
    const subnet = parseUint(f[L.subnet]!, INFINITE);
    if (subnet < 0) return this.bad("bad-number", lineNo, "subnet_id", f[L.subnet]!, text);
    const fwd = parseBool(f[L.fwd]!);
    if (fwd === null) return this.bad("bad-value", lineNo, "fqdn_fwd", f[L.fwd]!, text);
    const rev = parseBool(f[L.rev]!);
    if (rev === null) return this.bad("bad-value", lineNo, "fqdn_rev", f[L.rev]!, text);
    let stateCode = 0;
    if (L.state >= 0) {
      stateCode = parseUint(f[L.state]!, INFINITE);
      if (stateCode < 0) return this.bad("bad-number", lineNo, "state", f[L.state]!, text);
    }
    let pool = 0;
    if (L.pool >= 0) {
      pool = parseUint(f[L.pool]!, INFINITE);
      if (pool < 0) return this.bad("bad-number", lineNo, "pool_id", f[L.pool]!, text);
    }
    let userContext: Record<string, unknown> | null = null;
    if (L.ctx >= 0) {
      const c = f[L.ctx]!;
      if (c.length !== 0) {
        const json = keaUnescape(c);
        let v: unknown;
        try {
          v = JSON.parse(json);
        } catch {
          return this.bad("bad-json", lineNo, "user_context", c, text, "user_context is not valid JSON");
        }
        if (typeof v !== "object" || v === null || Array.isArray(v))
          return this.bad("bad-json", lineNo, "user_context", c, text, "user_context is not a JSON object");
        userContext = v as Record<string, unknown>;
      }
    }
    let hwAddress: string | null = null;
    if (L.hwaddr >= 0) {
      const h = f[L.hwaddr]!;
      if (h.length !== 0) {
        hwAddress = normalizeHex(h, 20); // HWAddr::MAX_HWADDR_LEN
        if (hwAddress === null) return this.bad("bad-hwaddr", lineNo, "hwaddr", h, text);
      }
    }
    const h = f[L.hostname]!;
    const hostname = h.length === 0 ? null : h.indexOf("&") === -1 ? h : keaUnescape(h);
    return {
      valid,
      expire,
      subnet,
      fwd,
      rev,
      state: KEA_LEASE_STATES[stateCode] ?? "unknown",
      pool,
      userContext,
      hwAddress,
      hostname,
    };
  }

  private bad(
    code: LeaseParseError["code"],
    lineNo: number,
    field: string,
    value: string,
    text: string,
    reason?: string,
  ): null {
    this.err(code, lineNo, field, reason ?? `invalid ${field} ${JSON.stringify(value.slice(0, 80))}`, text);
    return null;
  }

  private row4(L: Layout, f: string[], lineNo: number, text: string): DhcpLease | null {
    const a = f[L.address]!;
    const v4 = parseIPv4(a);
    if (v4 < 0) return this.bad("bad-address", lineNo, "address", a, text);
    const cidText = f[L.clientId]!;
    let clientId: string | null = null;
    if (cidText.length !== 0) {
      clientId = normalizeHex(cidText, 255);
      if (clientId === null) return this.bad("bad-client-id", lineNo, "client_id", cidText, text);
    }
    const c = this.common(L, f, lineNo, text);
    if (c === null) return null;
    const cltt = c.expire - c.valid;
    return {
      format: "kea-csv",
      family: 4,
      address: a, // strict parse => already canonical
      addressKey: ipv4SortKey(v4),
      prefixLength: 32,
      leaseType: "V4",
      hwAddress: c.hwAddress,
      hwType: c.hwAddress === null ? null : 1, // Kea v4 files do not store the type; DHCPv4 leases here are Ethernet
      clientId,
      iaid: null,
      hostname: c.hostname,
      state: c.state,
      deleted: c.valid === 0,
      starts: cltt,
      ends: c.valid === INFINITE ? null : c.expire,
      cltt,
      validLifetime: c.valid,
      preferredLifetime: null,
      subnetId: c.subnet,
      poolId: c.pool,
      fqdnFwd: c.fwd,
      fqdnRev: c.rev,
      userContext: c.userContext,
      failover: null,
      server: this.server,
      line: lineNo,
      raw: this.raw(L, f),
    };
  }

  private row6(L: Layout, f: string[], lineNo: number, text: string): DhcpLease | null {
    const a = f[L.address]!;
    const p = parseAddress(a);
    if (p === null || p.family !== 6) return this.bad("bad-address", lineNo, "address", a, text);
    const duidText = f[L.clientId]!;
    const duid = normalizeHex(duidText, 130); // DUID::MAX_DUID_LEN 128 + type
    if (duid === null) return this.bad("bad-client-id", lineNo, "duid", duidText, text);
    const typeCode = parseUint(f[L.type]!, 2);
    if (typeCode < 0) return this.bad("bad-value", lineNo, "lease_type", f[L.type]!, text);
    const leaseType = V6_TYPES[typeCode]!;
    const iaid = parseUint(f[L.iaid]!, INFINITE);
    if (iaid < 0) return this.bad("bad-number", lineNo, "iaid", f[L.iaid]!, text);
    const pref = parseUint(f[L.pref]!, INFINITE);
    if (pref < 0) return this.bad("bad-number", lineNo, "pref_lifetime", f[L.pref]!, text);
    const plen = parseUint(f[L.plen]!, 128);
    if (plen < 0) return this.bad("bad-number", lineNo, "prefix_len", f[L.plen]!, text);
    let hwType: number | null = null;
    if (L.hwtype >= 0) {
      const t = f[L.hwtype]!;
      if (t.length !== 0) {
        hwType = parseUint(t, 0xffff);
        if (hwType < 0) return this.bad("bad-number", lineNo, "hwtype", t, text);
      }
    }
    const c = this.common(L, f, lineNo, text);
    if (c === null) return null;
    const cltt = c.expire - c.valid;
    return {
      format: "kea-csv",
      family: 6,
      address: p.text,
      addressKey: p.key,
      // Kea reads prefix_len only for PD and uses 128 otherwise (csv_lease_file6.cc).
      prefixLength: leaseType === "IA_PD" ? plen : 128,
      leaseType,
      hwAddress: c.hwAddress,
      hwType: c.hwAddress === null ? null : hwType,
      clientId: duid,
      iaid,
      hostname: c.hostname,
      state: c.state,
      deleted: c.valid === 0,
      starts: cltt,
      ends: c.valid === INFINITE ? null : c.expire,
      cltt,
      validLifetime: c.valid,
      preferredLifetime: pref,
      subnetId: c.subnet,
      poolId: c.pool,
      fqdnFwd: c.fwd,
      fqdnRev: c.rev,
      userContext: c.userContext,
      failover: null,
      server: this.server,
      line: lineNo,
      raw: this.raw(L, f),
    };
  }
}

function parseBool(s: string): boolean | null {
  if (s === "1" || s === "true") return true;
  if (s === "0" || s === "false") return false;
  return null;
}

/** Convenience: parses a whole string or an iterable of chunks. */
export function parseKeaCsv(input: string | Iterable<string>, options?: KeaParserOptions): KeaParseItem[] {
  const p = new KeaCsvParser(options);
  const out: KeaParseItem[] = [];
  const chunks = typeof input === "string" ? [input] : input;
  for (const chunk of chunks) for (const item of p.push(chunk)) out.push(item);
  for (const item of p.end()) out.push(item);
  return out;
}
