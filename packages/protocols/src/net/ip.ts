/**
 * IP address text, shared by the areas that read or write it (DHCP leases, EPP host addresses):
 * strict parsing (RFC 4291 §2.2 for IPv6, dotted quads without leading zeros as inet_pton takes
 * them) and RFC 5952 output. Written with char codes and no regular expressions or substrings,
 * because the DHCP lease parsers call it for every row of a million-lease file.
 */

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

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * Parses IPv6 text (RFC 4291 §2.2, including a trailing embedded dotted quad) into 8 16-bit groups;
 * null if invalid. Zone identifiers (`fe80::1%eth0`) are not part of an address and are refused.
 */
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
      const v4 = parseIPv4Range(s, i, n);
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

/**
 * RFC 5952 text of 8 groups: lower case, no leading zeros, the longest run (>= 2, the first on a
 * tie) of zero groups as "::". IPv4-mapped addresses (::ffff:0:0/96) are written in the mixed form
 * `::ffff:192.0.2.1` that RFC 5952 §5 recommends, as inet_ntop (and so Kea and dhcpd) writes them.
 */
export function formatIPv6(g: readonly number[]): string {
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
  // Groups 0-4 zero and 5 = ffff make the run at 0 of length 5 the longest: the mapped prefix.
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
