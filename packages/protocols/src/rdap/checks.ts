/** Small value checks used by the parser; codes are ICANN's (rdap_common.json). */
import type { Findings } from "./findings";
import { parseIPv4, parseIPv6 } from "./ip";

export const validIpv4 = (s: string): boolean => parseIPv4(s) !== null;
export const validIpv6 = (s: string): boolean => parseIPv6(s) !== null;

// RFC 3339 date-time (RFC 9083 §4.5): date, "T", time, optional fraction, zone.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
export const isDateTime = (s: string): boolean => DATE_TIME.test(s) && !Number.isNaN(Date.parse(s));

export const LANG_PATTERN = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/;

const LABEL = /^[a-zA-Z0-9_]([a-zA-Z0-9-_]*[a-zA-Z0-9_])?$/;

export function checkLdhName(name: string, path: string, f: Findings): void {
  const n = name.endsWith(".") ? name.slice(0, -1) : name;
  if (n.length > 253) f.error(-11701, path, `domain name is ${n.length} characters (max 253)`);
  for (const label of n.split(".")) {
    if (label.length > 63)
      f.error(-11700, path, `label "${label.slice(0, 20)}…" is longer than 63 characters`);
    else if (!LABEL.test(label)) f.error(-11703, path, `"${label}" is not an LDH label`);
  }
}

export function checkPort43(host: string): boolean {
  if (validIpv4(host) || validIpv6(host)) return true;
  const n = host.endsWith(".") ? host.slice(0, -1) : host;
  return n.length > 0 && n.length <= 253 && n.split(".").every((l) => l.length <= 63 && LABEL.test(l));
}
