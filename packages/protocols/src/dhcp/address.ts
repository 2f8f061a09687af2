/**
 * IP address helpers for lease data: strict parsing, canonical text, and a fixed-width sort key
 * ("v4:" + 8 hex digits, "v6:" + 32 hex digits) so that plain string order equals numeric order
 * within a family and every IPv4 key sorts before every IPv6 key. The same keys are what subnet
 * filters compare against (`cidrRange`), so a database can index one text column.
 */

export type AddressFamily = 4 | 6;

export interface ParsedAddress {
  family: AddressFamily;
  /** Canonical text: dotted quad for v4, RFC 5952 for v6. */
  text: string;
  /** Fixed-width sort key, see `addressSortKey`. */
  key: string;
}

export interface Cidr {
  family: AddressFamily;
  /** Canonical network address (host bits cleared). */
  network: string;
  prefixLength: number;
  lowKey: string;
  highKey: string;
}

/** Parses a strict dotted quad (no leading zeros, like inet_pton) into an unsigned 32-bit number; -1 if invalid. */
export function parseIPv4(s: string): number {
  return parseIPv4Range(s, 0, s.length);
}

/** parseIPv4 over s[from, to), so CSV parsers need not cut a substring first. */
export function parseIPv4Range(s: string, from: number, to: number): number {
  const len = to - from;
  if (len < 7 || len > 15) return -1;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let parts = 0;
  let leadingZero = false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (leadingZero) return -1;
      if (digits === 0 && c === 48) leadingZero = true;
      octet = octet * 10 + (c - 48);
      digits++;
      if (octet > 255) return -1;
    } else if (c === 46) {
      if (digits === 0 || parts === 3) return -1;
      value = value * 256 + octet;
      parts++;
      octet = 0;
      digits = 0;
      leadingZero = false;
    } else {
      return -1;
    }
  }
  if (digits === 0 || parts !== 3) return -1;
  return value * 256 + octet;
}

export function ipv4ToText(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/**
 * Char code of the lower-case hex digit for a nibble (0-15). Branch-free: ((9 - v) >> 31) is -1 for
 * a-f and 0 for 0-9; with scattered addresses a branch here would be mispredicted on every key.
 */
function nib(v: number): number {
  return v + 48 + (((9 - v) >> 31) & 39);
}

/**
 * "v4:" + 8 hex digits in one allocation, from the number's nibbles: no intermediate strings and no
 * lookup table (a 64Ki-entry string table was tried; with scattered addresses its cache misses cost
 * more than the arithmetic). The key is computed for every row of a million-lease file.
 */
export function ipv4SortKey(n: number): string {
  return String.fromCharCode(
    118,
    52,
    58,
    nib((n >>> 28) & 15),
    nib((n >>> 24) & 15),
    nib((n >>> 20) & 15),
    nib((n >>> 16) & 15),
    nib((n >>> 12) & 15),
    nib((n >>> 8) & 15),
    nib((n >>> 4) & 15),
    nib(n & 15),
  );
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Parses IPv6 text (RFC 4291 §2.2, including an embedded dotted quad) into 8 16-bit groups; null if invalid. */
export function parseIPv6(s: string): number[] | null {
  const n = s.length;
  if (n < 2 || n > 45) return null;
  const head: number[] = [];
  const tail: number[] = [];
  let cur = head;
  let seenDouble = false;
  let i = 0;
  if (s.charCodeAt(0) === 58) {
    if (s.charCodeAt(1) !== 58) return null;
    seenDouble = true;
    cur = tail;
    i = 2;
    if (i === n) return [0, 0, 0, 0, 0, 0, 0, 0];
  }
  while (i < n) {
    // Read one group (or a trailing dotted quad).
    let j = i;
    let v = 0;
    while (j < n) {
      const d = hexDigit(s.charCodeAt(j));
      if (d < 0) break;
      v = v * 16 + d;
      j++;
    }
    if (j < n && s.charCodeAt(j) === 46) {
      // Embedded IPv4 must be the last 32 bits.
      const v4 = parseIPv4(s.slice(i));
      if (v4 < 0) return null;
      cur.push(Math.floor(v4 / 65536), v4 & 0xffff);
      i = n;
      break;
    }
    const len = j - i;
    if (len === 0 || len > 4) return null;
    cur.push(v);
    if (j === n) {
      i = n;
      break;
    }
    if (s.charCodeAt(j) !== 58) return null;
    if (j + 1 < n && s.charCodeAt(j + 1) === 58) {
      if (seenDouble) return null;
      seenDouble = true;
      cur = tail;
      i = j + 2;
      if (i === n) break;
    } else {
      i = j + 1;
      if (i === n) return null; // trailing single colon
    }
  }
  const total = head.length + tail.length;
  if (seenDouble) {
    if (total > 7) return null;
    const out = head.slice();
    for (let k = total; k < 8; k++) out.push(0);
    for (const g of tail) out.push(g);
    return out;
  }
  return total === 8 ? head : null;
}

/** RFC 5952 text: lower case, no leading zeros, the longest run (>= 2) of zero groups as "::". */
export function ipv6ToText(g: readonly number[]): string {
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) bestStart = -1;
  // IPv4-mapped addresses keep the dotted form, as inet_ntop (and therefore Kea/dhcpd) writes them.
  if (bestStart === 0 && bestLen === 5 && g[5] === 0xffff) {
    const a = g[6]!;
    const b = g[7]!;
    return `::ffff:${a >>> 8}.${a & 255}.${b >>> 8}.${b & 255}`;
  }
  let out = "";
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += i === 0 ? "::" : ":";
      i += bestLen - 1;
      continue;
    }
    out += g[i]!.toString(16);
    if (i < 7) out += ":";
  }
  return out;
}

function ipv6Hex(g: readonly number[]): string {
  let out = "";
  for (let i = 0; i < 8; i++) out += g[i]!.toString(16).padStart(4, "0");
  return out;
}

export function parseAddress(s: string): ParsedAddress | null {
  if (s.indexOf(":") === -1) {
    const v4 = parseIPv4(s);
    if (v4 < 0) return null;
    return { family: 4, text: ipv4ToText(v4), key: ipv4SortKey(v4) };
  }
  const g = parseIPv6(s);
  if (!g) return null;
  return { family: 6, text: ipv6ToText(g), key: `v6:${ipv6Hex(g)}` };
}

/**
 * Fixed-width key: "v4:" + 8 hex digits or "v6:" + 32 hex digits, lower case. Lexical order of keys
 * equals numeric order of addresses (v4 before v6). Throws RangeError for text that is not an address.
 */
export function addressSortKey(addr: string): string {
  const p = parseAddress(addr);
  if (!p) throw new RangeError(`not an IP address: ${JSON.stringify(addr.slice(0, 64))}`);
  return p.key;
}

function keyToBigInt(key: string): bigint {
  return BigInt(`0x${key.slice(3)}`);
}

function bigIntToKey(family: AddressFamily, v: bigint): string {
  return family === 4 ? `v4:${v.toString(16).padStart(8, "0")}` : `v6:${v.toString(16).padStart(32, "0")}`;
}

function bigIntToText(family: AddressFamily, v: bigint): string {
  if (family === 4) return ipv4ToText(Number(v));
  const g: number[] = [];
  for (let i = 7; i >= 0; i--) g.push(Number((v >> BigInt(i * 16)) & 0xffffn));
  return ipv6ToText(g);
}

/**
 * Parses "addr/len" (or a bare address, taken as /32 or /128). Host bits are cleared, so
 * "10.1.2.3/8" is the network 10.0.0.0/8. Returns null for anything malformed.
 */
export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf("/");
  const addrText = slash === -1 ? text : text.slice(0, slash);
  const p = parseAddress(addrText);
  if (!p) return null;
  const bits = p.family === 4 ? 32 : 128;
  let len = bits;
  if (slash !== -1) {
    const lenText = text.slice(slash + 1);
    if (!/^(0|[1-9][0-9]{0,2})$/.test(lenText)) return null;
    len = Number(lenText);
    if (len > bits) return null;
  }
  const v = keyToBigInt(p.key);
  const hostBits = BigInt(bits - len);
  const hostMask = (1n << hostBits) - 1n;
  const low = v & ~hostMask;
  const high = low | hostMask;
  return {
    family: p.family,
    network: bigIntToText(p.family, low),
    prefixLength: len,
    lowKey: bigIntToKey(p.family, low),
    highKey: bigIntToKey(p.family, high),
  };
}

function toCidr(cidr: Cidr | string): Cidr {
  if (typeof cidr !== "string") return cidr;
  const c = parseCidr(cidr);
  if (!c) throw new RangeError(`not a CIDR prefix: ${JSON.stringify(cidr.slice(0, 64))}`);
  return c;
}

/** [lowKey, highKey] inclusive, for `WHERE addressKey BETWEEN low AND high` style filters. */
export function cidrRange(cidr: Cidr | string): [string, string] {
  const c = toCidr(cidr);
  return [c.lowKey, c.highKey];
}

/** True when `addr` (text or sort key) lies inside the prefix. Addresses of the other family never match. */
export function cidrContains(cidr: Cidr | string, addr: string): boolean {
  const c = toCidr(cidr);
  let key: string;
  if (addr.startsWith("v4:") || addr.startsWith("v6:")) key = addr;
  else {
    const p = parseAddress(addr);
    if (!p) return false;
    key = p.key;
  }
  return key.length === c.lowKey.length && key >= c.lowKey && key <= c.highKey;
}
