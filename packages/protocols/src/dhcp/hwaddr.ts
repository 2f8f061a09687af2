/**
 * Hardware addresses and client identifiers are both octet strings. All sources are normalised to
 * lower-case, colon-separated, two digits per octet ("01:ac:1f:6b:35:ac:62"): that is how Kea and
 * dnsmasq write them, so the same client compares equal across servers.
 */

const HEX = "0123456789abcdef";

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** True when `s[from, to)` is already in canonical form, so the hot path can return it without copying. */
function isCanonical(s: string, from: number, to: number): boolean {
  const n = to - from;
  if (n % 3 !== 2) return false;
  // Octet by octet (two lower-case hex digits, then a colon unless last): no per-character modulo.
  for (let i = from; i < to; i += 3) {
    const a = s.charCodeAt(i);
    const b = s.charCodeAt(i + 1);
    if (!((a >= 48 && a <= 57) || (a >= 97 && a <= 102))) return false;
    if (!((b >= 48 && b <= 57) || (b >= 97 && b <= 102))) return false;
    if (i + 2 < to && s.charCodeAt(i + 2) !== 58) return false;
  }
  return true;
}

/**
 * normalizeHex of `s[from, to)` (non-empty), for parsers reading fields in place: canonical input,
 * the usual case, is checked where it lies and cut out once.
 */
export function normalizeHexRange(s: string, from: number, to: number, maxOctets = 255): string | null {
  if (to > from && isCanonical(s, from, to))
    return (to - from + 1) / 3 <= maxOctets ? s.slice(from, to) : null;
  return normalizeHex(s.slice(from, to), maxOctets);
}

/**
 * Accepts "aa:bb:cc", "a:b:c" (dhcpd and option values drop leading zeros), "AA-BB-CC",
 * "aabb.ccdd.eeff" and bare even-length hex. Returns canonical text, or null when malformed or
 * longer than `maxOctets`. Empty input is null too (callers treat "no address" separately).
 */
export function normalizeHex(s: string, maxOctets = 255): string | null {
  const n = s.length;
  if (n === 0) return null;
  if (isCanonical(s, 0, n)) return (n + 1) / 3 <= maxOctets ? s : null;
  let out = "";
  let octets = 0;
  const sep = s.indexOf(":") !== -1 ? 58 : s.indexOf("-") !== -1 ? 45 : s.indexOf(".") !== -1 ? 46 : 0;
  if (sep === 0 || sep === 46) {
    // Bare hex, or Cisco-style dotted groups of four digits: both are plain digit pairs.
    let digits = "";
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === 46 && sep === 46) continue;
      const v = hexVal(c);
      if (v < 0) return null;
      digits += HEX[v];
    }
    if (digits.length === 0 || digits.length % 2 !== 0) return null;
    for (let i = 0; i < digits.length; i += 2) {
      out += (i ? ":" : "") + digits.slice(i, i + 2);
      octets++;
    }
    return octets <= maxOctets ? out : null;
  }
  let acc = -1;
  let digits = 0;
  for (let i = 0; i <= n; i++) {
    const c: number = i < n ? s.charCodeAt(i) : sep;
    if (c === sep) {
      if (digits === 0) return null;
      out += (octets ? ":" : "") + HEX[acc >>> 4] + HEX[acc & 15];
      octets++;
      if (octets > maxOctets) return null;
      acc = -1;
      digits = 0;
      continue;
    }
    const v = hexVal(c);
    if (v < 0 || digits === 2) return null;
    acc = acc < 0 ? v : acc * 16 + v;
    digits++;
  }
  return out;
}

/** Canonical text of raw octets. */
export function bytesToHex(bytes: ArrayLike<number>): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]! & 255;
    out += (i ? ":" : "") + HEX[b >>> 4] + HEX[b & 15];
  }
  return out;
}

/** Octets back from canonical text (for IAID/DUID splitting and tests). */
export function hexToBytes(hex: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < hex.length; i += 3) out.push(Number.parseInt(hex.slice(i, i + 2), 16));
  return out;
}

/** ARP hardware type numbers (RFC 826 / IANA) for the names dhcpd writes in `hardware <type> ...`. */
export const HARDWARE_TYPES: Readonly<Record<string, number>> = {
  ethernet: 1,
  "token-ring": 6,
  fddi: 8,
  infiniband: 32,
};
