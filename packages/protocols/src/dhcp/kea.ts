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
 * - state: 0 default (bound), 1 declined, 2 expired-reclaimed, 3 released, 4 registered (v6
 *   only); other numbers (and 4 in a v4 file) map to "unknown", the number stays in the raw row.
 * - The file is append-only: the last row for an address wins, and a row with valid_lifetime 0 is
 *   a delete marker (Kea erases the address when loading). Rows are emitted in file order with
 *   `deleted` set on markers; `LeaseTable` applies the last-row-wins / delete rule (what the LFC
 *   process does when it compacts the file).
 * - `raw` is `{ header, row }` (the header line and the row exactly as written); `keaRawFields()`
 *   expands it to column → field. Building a per-row map would halve the parse rate.
 * - Speed: under a v4 header in Kea's own column order (what Kea writes, any schema version) rows
 *   go first to a fused reader (readV4) that checks and converts the fields in one pass and takes
 *   only the plain spellings Kea produces; any other row, malformed ones included, is parsed by the
 *   general path, so leases and errors are the same either way (kea-fastpath.test.ts compares them).
 * Deliberate differences from Kea: an empty v4 hwaddr is accepted whatever the state (Kea only
 * accepts it for declined leases; real files have it), and a malformed v6 hwaddr rejects the row
 * with an error (Kea logs a warning and drops just the hwaddr).
 */

import { ipv4SortKey, parseAddress, parseIPv4Range } from "./address";
import { type LeaseParseError, leaseError } from "./errors";
import { normalizeHex, normalizeHexRange } from "./hwaddr";
import { LineRangeSplitter } from "./lines";
import type { DhcpLease, LeaseParseItem, LeaseState, LeaseType, ParserOptions } from "./model";
import { parseAll } from "./stream";

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
  /**
   * Read v4 rows in Kea's own column order with the fused single-pass reader (default true). Off,
   * every row takes the general path; the results are identical either way (tests compare them).
   */
  fastPath?: boolean;
}

interface Layout {
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

const V4_STATES: readonly LeaseState[] = ["bound", "declined", "reclaimed", "released"];

/** Kea's state number → LeaseState for a v4 row (4, STATE_REGISTERED, exists for DHCPv6 only). */
function v4State(code: number): LeaseState {
  return code < 4 ? V4_STATES[code]! : "unknown";
}

/**
 * The one place a v4 lease object is built (general and fused path alike): one literal, so every
 * v4 lease has the same hidden class and the derived fields cannot drift apart.
 */
function lease4(
  address: string,
  v4: number,
  hwAddress: string | null,
  clientId: string | null,
  valid: number,
  expire: number,
  subnet: number,
  fwd: boolean,
  rev: boolean,
  hostname: string | null,
  state: LeaseState,
  userContext: Record<string, unknown> | null,
  pool: number,
  server: string | null,
  line: number,
  header: string,
  row: string,
): DhcpLease {
  const cltt = expire - valid;
  return {
    format: "kea-csv",
    family: 4,
    address,
    addressKey: ipv4SortKey(v4),
    prefixLength: 32,
    leaseType: "V4",
    hwAddress,
    hwType: hwAddress === null ? null : 1, // v4 files carry no type; Kea's DHCPv4 leases are Ethernet here
    clientId,
    iaid: null,
    hostname,
    state,
    deleted: valid === 0,
    starts: cltt,
    ends: valid === INFINITE ? null : expire,
    cltt,
    validLifetime: valid,
    preferredLifetime: null,
    subnetId: subnet,
    poolId: pool,
    fqdnFwd: fwd,
    fqdnRev: rev,
    userContext,
    failover: null,
    server,
    line,
    raw: { header, row },
  };
}

/** Text without `,` `&` CR LF: a hostname that needs no unescaping, up to the end of its field. */
const PLAIN_TEXT = /[^,&\r\n]*/y;

/**
 * hwaddr and client_id together, each empty or canonical hex ("aa:bb:…", lower case, what Kea
 * writes), through the comma after client_id. Sticky, driven through lastIndex: one compiled
 * matcher call checks both fields several times faster than a charCodeAt loop.
 */
const HEX_PAIR = /(?:[0-9a-f]{2}(?::[0-9a-f]{2})*)?,(?:[0-9a-f]{2}(?::[0-9a-f]{2})*)?,/y;

/** JSON object of a non-empty user_context, or null when it is not one (the general path reports it). */
function contextObject(escaped: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(keaUnescape(escaped));
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Scratch results of the columns both families share (reused per row: no allocation). */
interface Common {
  valid: number;
  expire: number;
  subnet: number;
  fwd: boolean;
  rev: boolean;
  state: LeaseState;
  pool: number;
  userContext: Record<string, unknown> | null;
  hwAddress: string | null;
  hostname: string | null;
}

export class KeaCsvParser {
  private out: KeaParseItem[] = [];
  private layout: Layout | null = null;
  private headerText = "";
  private readonly lines: LineRangeSplitter;
  private readonly server: string | null;
  /** pos[i] = offset in `text` where field i starts; field i ends at pos[i + 1] - 1 (the comma). */
  private pos = new Int32Array(32);
  /** The current row is text[from, to); `text` is usually the whole chunk (read in place). */
  private text = "";
  private from = 0;
  private to = 0;
  /** commaAt = first comma of commaSrc at or after commaFrom (the end of the last row scanned), -1: none. */
  private commaSrc = "";
  private commaFrom = 0;
  private commaAt = -1;
  private lineNo = 0;
  private readonly fastPath: boolean;
  /** readUint's stop position: the comma after the number, or the end of the row. */
  private numEnd = 0;
  private readonly c: Common = {
    valid: 0,
    expire: 0,
    subnet: 0,
    fwd: false,
    rev: false,
    state: "bound",
    pool: 0,
    userContext: null,
    hwAddress: null,
    hostname: null,
  };

  constructor(options: KeaParserOptions = {}) {
    this.server = options.server ?? null;
    this.fastPath = options.fastPath ?? true;
    if (options.assumeFamily) {
      const names = [...(options.assumeFamily === 4 ? KEA_V4_COLUMNS : KEA_V6_COLUMNS)];
      this.setLayout(layoutOf(names) as Layout, names.join(","));
    }
    this.lines = new LineRangeSplitter(
      (src, from, to, lineNo, terminated) => this.line(src, from, to, lineNo, terminated),
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

  private setLayout(l: Layout, headerText: string): void {
    this.layout = l;
    this.headerText = headerText;
    if (this.pos.length < l.ncols + 2) this.pos = new Int32Array(l.ncols + 2);
  }

  private line(src: string, from: number, to: number, lineNo: number, terminated: boolean): void {
    if (to === from) return;
    // Rows start with an IP address, so a line starting with the first column name is a header.
    if (src.charCodeAt(from) === 97 && src.startsWith("address,", from) && to - from >= 8) {
      const text = src.slice(from, to);
      const names = text.split(",");
      const l = layoutOf(names);
      if (typeof l === "string") {
        this.layout = null;
        this.out.push(leaseError("kea-csv", "bad-header", lineNo, null, l, text));
        return;
      }
      this.setLayout(l, text);
      this.out.push({ kind: "header", family: l.family, columns: names, line: lineNo });
      return;
    }
    const L = this.layout;
    if (L === null) {
      this.out.push(
        leaseError(
          "kea-csv",
          "missing-header",
          lineNo,
          null,
          "row before a valid header line",
          src.slice(from, to),
        ),
      );
      return;
    }
    if (L.keaOrder4 && this.fastPath) {
      const lease = this.readV4(src, from, to, L.ncols, lineNo);
      if (lease !== null) {
        this.out.push({ kind: "lease", lease });
        return;
      }
    }
    // Find the commas once; fields are then read in place in the chunk (no split, no per-field
    // substrings except the ones the lease keeps).
    const pos = this.pos;
    const ncols = L.ncols;
    let count = 1;
    pos[0] = from;
    // indexOf runs past `to` into the following lines; the first comma it found there is kept
    // for the next row, so each character of a chunk is searched at most once even when lines
    // have no commas.
    let at =
      src === this.commaSrc && from >= this.commaFrom && (this.commaAt >= from || this.commaAt === -1)
        ? this.commaAt
        : src.indexOf(",", from);
    while (at !== -1 && at < to) {
      if (count < ncols) pos[count] = at + 1;
      count++;
      at = src.indexOf(",", at + 1);
    }
    this.commaSrc = src;
    this.commaFrom = to;
    this.commaAt = at;
    if (count !== ncols) {
      const truncated = !terminated && count < ncols;
      this.out.push(
        leaseError(
          "kea-csv",
          truncated ? "truncated-row" : "column-count",
          lineNo,
          null,
          `expected ${ncols} columns, got ${count}${truncated ? " (input ended mid-row)" : ""}`,
          src.slice(from, to),
        ),
      );
      return;
    }
    pos[ncols] = to + 1;
    this.text = src;
    this.from = from;
    this.to = to;
    this.lineNo = lineNo;
    const lease = L.family === 4 ? this.row4(L) : this.row6(L);
    if (lease !== null) this.out.push({ kind: "lease", lease });
  }

  /**
   * Unsigned decimal at s[i, …) ending at a comma or at `to` (numEnd = that position): what uint()
   * accepts (1–16 digits, at most `max`, same arithmetic), else -1.
   */
  private readUint(s: string, i: number, to: number, max: number): number {
    const start = i;
    let v = 0;
    for (; i < to; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
    }
    this.numEnd = i;
    if (i === start || i - start > 16 || (i < to && s.charCodeAt(i) !== 44)) return -1;
    return v > max ? -1 : v;
  }

  /**
   * The fused reader for v4 rows whose header is Kea's own column order (1.0 to 3.0 schemas): one
   * left-to-right pass over s[from, to) that checks and converts each field as it goes (no comma
   * scan first, no per-field lookups through the layout; hwaddr + client_id and a plain hostname
   * are checked by one compiled regular expression each). It accepts only what Kea writes
   * (canonical hex, 0/1 booleans, plain numbers, exactly the header's column count) and returns
   * null for anything else, including every malformed row; the general path then parses that row,
   * so errors and unusual spellings behave exactly as before. A lease it returns equals the
   * general path's.
   */
  private readV4(s: string, from: number, to: number, ncols: number, lineNo: number): DhcpLease | null {
    // address: strict dotted quad, as parseIPv4Range (4 parts of 1–3 digits, ≤ 255, no leading 0).
    let i = from;
    let v4 = 0;
    let octet = 0;
    let digits = 0;
    let parts = 0;
    for (;;) {
      if (i === to) return null;
      const c = s.charCodeAt(i++);
      if (c === 44) break;
      if (c === 46) {
        if (digits === 0 || parts === 3) return null;
        v4 = v4 * 256 + octet;
        parts++;
        octet = 0;
        digits = 0;
        continue;
      }
      const d = c - 48;
      if (d < 0 || d > 9 || (digits !== 0 && octet === 0)) return null;
      octet = octet * 10 + d;
      digits++;
      if (octet > 255) return null;
    }
    if (digits === 0 || parts !== 3) return null;
    v4 = v4 * 256 + octet;
    const addressEnd = i - 1;
    // hwaddr, client_id: empty or canonical, at most HWAddr::MAX_HWADDR_LEN (20) and 255 octets.
    HEX_PAIR.lastIndex = i;
    if (!HEX_PAIR.test(s)) return null;
    const idEnd = HEX_PAIR.lastIndex - 1;
    if (idEnd >= to) return null;
    const hwEnd = s.indexOf(",", i);
    // n octets are 3n - 1 characters: 20 octets 59, 255 octets 764.
    if (hwEnd - i > 59 || idEnd - hwEnd - 1 > 764) return null;
    const hwAddress = hwEnd > i ? s.slice(i, hwEnd) : null;
    const clientId = idEnd > hwEnd + 1 ? s.slice(hwEnd + 1, idEnd) : null;
    i = idEnd + 1;
    const valid = this.readUint(s, i, to, INFINITE);
    if (valid < 0 || this.numEnd === to) return null;
    const expire = this.readUint(s, this.numEnd + 1, to, Number.MAX_SAFE_INTEGER);
    if (expire < valid || this.numEnd === to) return null;
    const subnet = this.readUint(s, this.numEnd + 1, to, INFINITE);
    if (subnet < 0 || this.numEnd === to) return null;
    // fqdn_fwd, fqdn_rev: "0" or "1" ("true"/"false" go to the general path).
    i = this.numEnd + 1;
    if (i + 4 > to || s.charCodeAt(i + 1) !== 44 || s.charCodeAt(i + 3) !== 44) return null;
    const fwd = s.charCodeAt(i) - 48;
    const rev = s.charCodeAt(i + 2) - 48;
    if ((fwd !== 0 && fwd !== 1) || (rev !== 0 && rev !== 1)) return null;
    // hostname: up to the next comma (Kea escapes commas in it), unescaped only when it has a `&`.
    i += 4;
    const hostFrom = i;
    let hostname: string | null = null;
    if (i < to && s.charCodeAt(i) !== 44) {
      PLAIN_TEXT.lastIndex = i;
      PLAIN_TEXT.test(s);
      i = PLAIN_TEXT.lastIndex;
      if (i !== to && s.charCodeAt(i) !== 44) {
        // A `&` (or a CR/LF inside the row): find the end the plain way.
        while (i < to && s.charCodeAt(i) !== 44) i++;
        hostname = keaUnescape(s.slice(hostFrom, i));
      } else {
        hostname = s.slice(hostFrom, i);
      }
    }
    if ((i === to) !== (ncols === 9)) return null;
    let state = 0;
    let userContext: Record<string, unknown> | null = null;
    let pool = 0;
    if (ncols > 9) {
      state = this.readUint(s, i + 1, to, INFINITE);
      if (state < 0 || (this.numEnd === to) !== (ncols === 10)) return null;
      i = this.numEnd;
      if (ncols > 10) {
        const ctxFrom = ++i;
        while (i < to && s.charCodeAt(i) !== 44) i++;
        if ((i === to) !== (ncols === 11)) return null;
        if (i > ctxFrom) {
          userContext = contextObject(s.slice(ctxFrom, i));
          if (userContext === null) return null;
        }
        if (ncols > 11) {
          pool = this.readUint(s, i + 1, to, INFINITE);
          if (pool < 0 || this.numEnd !== to) return null;
        }
      }
    }
    return lease4(
      s.slice(from, addressEnd),
      v4,
      hwAddress,
      clientId,
      valid,
      expire,
      subnet,
      fwd === 1,
      rev === 1,
      hostname,
      v4State(state),
      userContext,
      pool,
      this.server,
      lineNo,
      this.headerText,
      s.slice(from, to),
    );
  }

  /** The current row as its own string (kept in `raw` and in errors). */
  private row(): string {
    return this.text.slice(this.from, this.to);
  }

  private field(i: number): string {
    return this.text.slice(this.pos[i]!, this.pos[i + 1]! - 1);
  }

  private uint(i: number, max: number): number {
    const s = this.text;
    const from = this.pos[i]!;
    const to = this.pos[i + 1]! - 1;
    if (to === from || to - from > 16) return -1;
    let v = 0;
    for (let k = from; k < to; k++) {
      const d = s.charCodeAt(k) - 48;
      if (d < 0 || d > 9) return -1;
      v = v * 10 + d;
    }
    return v > max ? -1 : v;
  }

  /** 0/1 (what Kea writes; lexical_cast<bool> accepts nothing else) or true/false; -1 otherwise. */
  private bool(i: number): number {
    const from = this.pos[i]!;
    const to = this.pos[i + 1]! - 1;
    if (to - from === 1) {
      const d = this.text.charCodeAt(from);
      return d === 49 ? 1 : d === 48 ? 0 : -1;
    }
    const f = this.text.slice(from, to);
    return f === "true" ? 1 : f === "false" ? 0 : -1;
  }

  private bad(code: LeaseParseError["code"], field: string, i: number, reason?: string): null {
    const value = i >= 0 ? this.field(i) : "";
    this.out.push(
      leaseError(
        "kea-csv",
        code,
        this.lineNo,
        field,
        reason ?? `invalid ${field} ${JSON.stringify(value.slice(0, 80))}`,
        this.row(),
      ),
    );
    return null;
  }

  /** Non-empty user_context into this.c (kept out of common(): no try/catch in the hot path). */
  private userContext(i: number): boolean {
    let v: unknown;
    try {
      v = JSON.parse(keaUnescape(this.field(i)));
    } catch {
      return !!this.bad("bad-json", "user_context", i, "user_context is not valid JSON");
    }
    if (typeof v !== "object" || v === null || Array.isArray(v))
      return !!this.bad("bad-json", "user_context", i, "user_context is not a JSON object");
    this.c.userContext = v as Record<string, unknown>;
    return true;
  }

  /** Parses the columns both families share into this.c; false (after recording an error) on failure. */
  private common(L: Layout): boolean {
    const c = this.c;
    c.valid = this.uint(L.valid, INFINITE);
    if (c.valid < 0) return !!this.bad("bad-number", "valid_lifetime", L.valid);
    c.expire = this.uint(L.expire, Number.MAX_SAFE_INTEGER);
    if (c.expire < 0) return !!this.bad("bad-number", "expire", L.expire);
    if (c.expire < c.valid)
      return !!this.bad("bad-value", "expire", L.expire, "expire is smaller than valid_lifetime");
    c.subnet = this.uint(L.subnet, INFINITE);
    if (c.subnet < 0) return !!this.bad("bad-number", "subnet_id", L.subnet);
    const fwd = this.bool(L.fwd);
    if (fwd < 0) return !!this.bad("bad-value", "fqdn_fwd", L.fwd);
    const rev = this.bool(L.rev);
    if (rev < 0) return !!this.bad("bad-value", "fqdn_rev", L.rev);
    c.fwd = fwd === 1;
    c.rev = rev === 1;
    let stateCode = 0;
    if (L.state >= 0) {
      stateCode = this.uint(L.state, INFINITE);
      if (stateCode < 0) return !!this.bad("bad-number", "state", L.state);
    }
    // STATE_REGISTERED (4) exists for DHCPv6 address registration only; in a v4 file it is unknown.
    c.state = L.family === 4 ? v4State(stateCode) : (KEA_LEASE_STATES[stateCode] ?? "unknown");
    c.pool = 0;
    if (L.pool >= 0) {
      c.pool = this.uint(L.pool, INFINITE);
      if (c.pool < 0) return !!this.bad("bad-number", "pool_id", L.pool);
    }
    c.userContext = null;
    if (L.ctx >= 0 && this.pos[L.ctx + 1]! - 1 > this.pos[L.ctx]! && !this.userContext(L.ctx)) return false;
    c.hwAddress = null;
    if (L.hwaddr >= 0 && this.pos[L.hwaddr + 1]! - 1 > this.pos[L.hwaddr]!) {
      c.hwAddress = normalizeHexRange(this.text, this.pos[L.hwaddr]!, this.pos[L.hwaddr + 1]! - 1, 20); // HWAddr::MAX_HWADDR_LEN
      if (c.hwAddress === null) return !!this.bad("bad-hwaddr", "hwaddr", L.hwaddr);
    }
    if (this.pos[L.hostname + 1]! - 1 > this.pos[L.hostname]!) {
      const h = this.field(L.hostname);
      c.hostname = h.indexOf("&") === -1 ? h : keaUnescape(h);
    } else {
      c.hostname = null;
    }
    return true;
  }

  private row4(L: Layout): DhcpLease | null {
    const text = this.text;
    const pos = this.pos;
    const v4 = parseIPv4Range(text, pos[L.address]!, pos[L.address + 1]! - 1);
    if (v4 < 0) return this.bad("bad-address", "address", L.address);
    let clientId: string | null = null;
    if (pos[L.clientId + 1]! - 1 > pos[L.clientId]!) {
      clientId = normalizeHexRange(text, pos[L.clientId]!, pos[L.clientId + 1]! - 1, 255);
      if (clientId === null) return this.bad("bad-client-id", "client_id", L.clientId);
    }
    if (!this.common(L)) return null;
    const c = this.c;
    return lease4(
      this.field(L.address), // strict parse => already canonical
      v4,
      c.hwAddress,
      clientId,
      c.valid,
      c.expire,
      c.subnet,
      c.fwd,
      c.rev,
      c.hostname,
      c.state,
      c.userContext,
      c.pool,
      this.server,
      this.lineNo,
      this.headerText,
      this.row(),
    );
  }

  private row6(L: Layout): DhcpLease | null {
    const p = parseAddress(this.field(L.address));
    if (p === null || p.family !== 6) return this.bad("bad-address", "address", L.address);
    const duid = normalizeHex(this.field(L.clientId), 130); // DUID::MAX_DUID_LEN 128 + type
    if (duid === null) return this.bad("bad-client-id", "duid", L.clientId);
    const typeCode = this.uint(L.type, 2);
    if (typeCode < 0) return this.bad("bad-value", "lease_type", L.type);
    const leaseType = V6_TYPES[typeCode]!;
    const iaid = this.uint(L.iaid, INFINITE);
    if (iaid < 0) return this.bad("bad-number", "iaid", L.iaid);
    const pref = this.uint(L.pref, INFINITE);
    if (pref < 0) return this.bad("bad-number", "pref_lifetime", L.pref);
    const plen = this.uint(L.plen, 128);
    if (plen < 0) return this.bad("bad-number", "prefix_len", L.plen);
    let hwType: number | null = null;
    if (L.hwtype >= 0 && this.pos[L.hwtype + 1]! - 1 > this.pos[L.hwtype]!) {
      hwType = this.uint(L.hwtype, 0xffff);
      if (hwType < 0) return this.bad("bad-number", "hwtype", L.hwtype);
    }
    if (!this.common(L)) return null;
    const c = this.c;
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
      line: this.lineNo,
      raw: { header: this.headerText, row: this.row() },
    };
  }
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

/** Convenience: parses a whole string or an iterable of chunks. */
export function parseKeaCsv(input: string | Iterable<string>, options?: KeaParserOptions): KeaParseItem[] {
  return parseAll(new KeaCsvParser(options), input);
}
