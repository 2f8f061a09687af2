/** Host address syntax for EPP (RFC 5732 §2.5): the shared parsers of net/ip.ts, in the form EPP exports. */
import { parseIPv4 as parseIPv4Number } from "../net/ip";

export { formatIPv6, parseIPv6 } from "../net/ip";

/** The four octets of a strict dotted quad (no leading zeros), or null; host rules look at the first one. */
export function parseIPv4(s: string): number[] | null {
  const n = parseIPv4Number(s);
  return n < 0 ? null : [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}
