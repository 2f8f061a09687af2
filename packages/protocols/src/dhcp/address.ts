/**
 * IP address helpers for lease data: strict parsing, canonical text, and a fixed-width sort key
 * ("v4:" + 8 hex digits, "v6:" + 32 hex digits) so that plain string order equals numeric order
 * within a family and every IPv4 key sorts before every IPv6 key. The same keys are what subnet
 * filters compare against (`cidrRange`), so a database can index one text column.
 */

import { formatIPv6, ipv4ToText, parseIPv4, parseIPv6 } from "../net/ip";

// The text parsers and RFC 5952 output live in net/ip.ts, shared with EPP; DHCP keeps its names for them.
export { formatIPv6 as ipv6ToText, ipv4ToText, parseIPv4, parseIPv4Range, parseIPv6 } from "../net/ip";

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
  return { family: 6, text: formatIPv6(g), key: `v6:${ipv6Hex(g)}` };
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
  return formatIPv6(g);
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

/**
 * The address-key range an entity covers (an address: its key; a prefix: its range), or null for
 * other entities: what a pool's range or a lease's key is compared with on the timeline.
 */
export function entityKeyRange(e: { type: string; value: string }): { low: string; high: string } | null {
  if (e.type === "ip") {
    const a = parseAddress(e.value);
    return a ? { low: a.key, high: a.key } : null;
  }
  const c = e.type === "prefix" ? parseCidr(e.value) : null;
  return c ? { low: c.lowKey, high: c.highKey } : null;
}
