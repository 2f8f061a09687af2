/**
 * The Kea general path: a row's commas are found once, then each field is read in place in the
 * chunk through the header's layout (no split, no per-field substrings except the ones the lease
 * keeps). Every row the fast path declines comes here, and so does every v6 row; a bad field
 * leaves its error in `error` and the row yields no lease.
 */

import { parseAddress, parseIPv4Range } from "./address";
import { type LeaseParseError, leaseError } from "./errors";
import { normalizeHex, normalizeHexRange } from "./hwaddr";
import { keaUnescape } from "./kea-escape";
import {
  INFINITE,
  KEA_LEASE_STATES,
  KEA_SUBNET_ID_MAX,
  KEA_SUBNET_ID_MIN,
  type Layout,
  V6_TYPES,
  v4State,
} from "./kea-layout";
import { lease4, lease6 } from "./kea-lease";
import type { DhcpLease, LeaseState } from "./model";

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

export class KeaFieldReader {
  /** The error of the last row that yielded no lease. */
  error: LeaseParseError | null = null;
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

  /**
   * Finds the commas of src[from, to) (pos[i] = start of field i, at most ncols kept) and makes it
   * the current row; returns the number of fields found.
   */
  scan(src: string, from: number, to: number, ncols: number, lineNo: number): number {
    if (this.pos.length < ncols + 2) this.pos = new Int32Array(ncols + 2);
    const pos = this.pos;
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
    if (count === ncols) pos[ncols] = to + 1;
    this.text = src;
    this.from = from;
    this.to = to;
    this.lineNo = lineNo;
    return count;
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
    this.error = leaseError(
      "kea-csv",
      code,
      this.lineNo,
      field,
      reason ?? `invalid ${field} ${JSON.stringify(value.slice(0, 80))}`,
      this.row(),
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
    c.subnet = this.uint(L.subnet, KEA_SUBNET_ID_MAX);
    if (c.subnet < KEA_SUBNET_ID_MIN)
      return !!this.bad(
        "bad-number",
        "subnet_id",
        L.subnet,
        `invalid subnet_id ${JSON.stringify(this.field(L.subnet).slice(0, 80))} (an integer from ${KEA_SUBNET_ID_MIN} to ${KEA_SUBNET_ID_MAX})`,
      );
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

  row4(L: Layout, server: string | null, header: string): DhcpLease | null {
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
      server,
      this.lineNo,
      header,
      this.row(),
    );
  }

  row6(L: Layout, server: string | null, header: string): DhcpLease | null {
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
    return lease6(
      p.text,
      p.key,
      leaseType,
      plen,
      c.hwAddress,
      hwType,
      duid,
      iaid,
      c.valid,
      c.expire,
      pref,
      c.subnet,
      c.fwd,
      c.rev,
      c.hostname,
      c.state,
      c.userContext,
      c.pool,
      server,
      this.lineNo,
      header,
      this.row(),
    );
  }
}
