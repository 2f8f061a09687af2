/**
 * The Kea v4 fast path: rows under a v4 header in Kea's own column order (what Kea writes, any
 * schema version) are read by one fused pass that checks and converts the fields as it goes and
 * takes only the plain spellings Kea produces. Anything else (malformed rows included) returns
 * null and goes to the general path (kea-fields.ts), so leases and errors are the same either way
 * (kea-fastpath.test.ts compares them).
 */

import { contextObject, keaUnescape } from "./kea-escape";
import { INFINITE, KEA_SUBNET_ID_MAX, KEA_SUBNET_ID_MIN, v4State } from "./kea-layout";
import { lease4 } from "./kea-lease";
import type { DhcpLease } from "./model";

/** Text without `,` `&` CR LF: a hostname that needs no unescaping, up to the end of its field. */
const PLAIN_TEXT = /[^,&\r\n]*/y;

/**
 * hwaddr and client_id together, each empty or canonical hex ("aa:bb:…", lower case, what Kea
 * writes), through the comma after client_id. Sticky, driven through lastIndex: one compiled
 * matcher call checks both fields several times faster than a charCodeAt loop.
 */
const HEX_PAIR = /(?:[0-9a-f]{2}(?::[0-9a-f]{2})*)?,(?:[0-9a-f]{2}(?::[0-9a-f]{2})*)?,/y;

export class KeaV4FastReader {
  /** readUint's stop position: the comma after the number, or the end of the row. */
  private numEnd = 0;

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
  read(
    s: string,
    from: number,
    to: number,
    ncols: number,
    lineNo: number,
    server: string | null,
    header: string,
  ): DhcpLease | null {
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
    const subnet = this.readUint(s, this.numEnd + 1, to, KEA_SUBNET_ID_MAX);
    // 0 or out of range: the general path reports it.
    if (subnet < KEA_SUBNET_ID_MIN || this.numEnd === to) return null;
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
      server,
      lineNo,
      header,
      s.slice(from, to),
    );
  }
}
