/**
 * Index-friendly forms of a query's readings: address sort-key ranges (the key of
 * @netops/protocols/dhcp: "v4:"+8 hex, "v6:"+32 hex, string order = numeric order) and text
 * prefix ranges, so every lookup is `column BETWEEN low AND high` on an index, never a LIKE
 * with a leading wildcard.
 */
import type { Interpretation } from "@netops/protocols";
import { ipv4SortKey, parseAddress, parseCidr } from "@netops/protocols/dhcp";

export interface KeyRange {
  low: string;
  high: string;
}

/** Every string that starts with `p` is in [p, prefixEnd(p)). */
export function prefixEnd(p: string): string {
  return `${p}\uffff`;
}

/**
 * The address-key ranges a reading covers: one key for an address, the prefix's range, and for
 * the start of an address (`192.0.2`, `10.`, `2001:db8:`) the ranges of every address whose text
 * starts so (at most three for IPv4: `192.0.2` is .2, .20-.29 and .200-.255 of 192.0). Empty
 * for other readings.
 */
export function addressKeyRanges(r: Interpretation): KeyRange[] {
  if (r.kind === "ipv4" || r.kind === "ipv6") {
    const k = parseAddress(r.value)?.key;
    return k ? [{ low: k, high: k }] : [];
  }
  if (r.kind === "prefix") {
    const c = parseCidr(r.value);
    return c ? [{ low: c.lowKey, high: c.highKey }] : [];
  }
  if (r.kind !== "ip-partial") return [];
  if (r.value.includes(":")) {
    // Whole groups only, and no "::" (its groups' positions are unknown until the address ends).
    if (r.value.includes("::")) return [];
    const groups = r.value.split(":");
    groups.pop(); // the part after the last colon: empty or a partial group
    if (!groups.length || groups.length > 7 || !groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return [];
    const p = `v6:${groups.map((g) => g.padStart(4, "0")).join("")}`;
    return [{ low: p, high: `${p}${"f".repeat(35 - p.length)}` }];
  }
  const parts = r.value.split(".");
  const last = parts.pop() ?? "";
  const whole = parts.map(Number);
  if (whole.length > 3 || whole.some((o) => !Number.isInteger(o) || o > 255)) return [];
  const free = 3 - whole.length; // octets after the partial one
  const span = (lo: number, hi: number): KeyRange => {
    const base = whole.reduce((n, o) => n * 256 + o, 0);
    const at = (o: number, fill: number) => {
      let n = base * 256 + o;
      for (let i = 0; i < free; i++) n = n * 256 + fill;
      return ipv4SortKey(n >>> 0);
    };
    return { low: at(lo, 0), high: at(hi, 255) };
  };
  if (last === "") return whole.length ? [wholeRange(whole)] : [];
  const d = Number(last);
  if (!/^[0-9]{1,3}$/.test(last) || d > 255) return [];
  // The octets whose decimal text starts with `last`.
  const out: KeyRange[] = [span(d, d)];
  if (last !== "0") {
    if (d * 10 <= 255) out.push(span(d * 10, Math.min(d * 10 + 9, 255)));
    if (d * 100 <= 255) out.push(span(d * 100, Math.min(d * 100 + 99, 255)));
  }
  return out;
}

function wholeRange(octets: number[]): KeyRange {
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < 4; i++) {
    const o = octets[i];
    lo = lo * 256 + (o ?? 0);
    hi = hi * 256 + (o ?? 255);
  }
  return { low: ipv4SortKey(lo >>> 0), high: ipv4SortKey(hi >>> 0) };
}

/** The text prefix of an address reading for columns that hold address text (BGP peers): exact for an address. */
export function addressTextPrefix(r: Interpretation): { value: string; exact: boolean } | null {
  if (r.kind === "ipv4" || r.kind === "ipv6") return { value: r.value, exact: true };
  if (r.kind === "ip-partial") return { value: r.value, exact: false };
  if (r.kind === "prefix") {
    // The fixed whole octets (or groups) as text; callers filter the rows by prefixContains.
    const [net, lenText] = r.value.split("/");
    const len = Number(lenText);
    if (!net) return null;
    if (!net.includes(":")) {
      const fixed = Math.floor(len / 8);
      return fixed === 0
        ? null
        : { value: `${net.split(".").slice(0, fixed).join(".")}${fixed < 4 ? "." : ""}`, exact: false };
    }
    const c = parseCidr(r.value);
    if (!c) return null;
    const fixed = Math.floor(len / 16);
    if (fixed === 0) return null;
    const hex = c.lowKey.slice(3);
    const groups: string[] = [];
    for (let i = 0; i < fixed; i++)
      groups.push(String(Number.parseInt(hex.slice(i * 4, i * 4 + 4), 16).toString(16)));
    return { value: `${groups.join(":")}${fixed < 8 ? ":" : ""}`, exact: false };
  }
  return null;
}
