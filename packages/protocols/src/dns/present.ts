/**
 * Presentation format for the common record types (what `netops zone axfr` prints); every other
 * type falls back to the lossless RFC 3597 generic form, which parses back to the same data.
 */
import { classToText, typeToText } from "./constants";
import { toHex } from "./encoding";
import { nameToText, skipName } from "./names";
import type { ZoneRecord } from "./parser";
import { rdataToGeneric } from "./text";

function charString(rd: Uint8Array, p: number): [string, number] {
  const n = rd[p]!;
  let s = '"';
  for (let i = p + 1; i <= p + n; i++) {
    const c = rd[i]!;
    if (c === 34 || c === 92) s += `\\${String.fromCharCode(c)}`;
    else if (c < 32 || c > 126) s += `\\${c.toString().padStart(3, "0")}`;
    else s += String.fromCharCode(c);
  }
  return [`${s}"`, p + 1 + n];
}

const u16 = (rd: Uint8Array, p: number) => (rd[p]! << 8) | rd[p + 1]!;
const u32 = (rd: Uint8Array, p: number) =>
  ((rd[p]! << 24) | (rd[p + 1]! << 16) | (rd[p + 2]! << 8) | rd[p + 3]!) >>> 0;

function ipv6(rd: Uint8Array): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(u16(rd, i).toString(16));
  // Longest run of zero groups becomes "::" (RFC 5952).
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== "0") {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return groups.join(":");
  return `${groups.slice(0, best).join(":")}::${groups.slice(best + bestLen).join(":")}`;
}

/** RDATA in presentation form; null when the type has no formatter here. */
function formatRdata(type: number, rd: Uint8Array): string | null {
  switch (type) {
    case 1:
      return rd.length === 4 ? rd.join(".") : null;
    case 28:
      return rd.length === 16 ? ipv6(rd) : null;
    case 2:
    case 5:
    case 12:
    case 39:
      return nameToText(rd);
    case 6: {
      const p1 = skipName(rd, 0);
      const p2 = skipName(rd, p1);
      const nums = [0, 4, 8, 12, 16].map((o) => u32(rd, p2 + o));
      return `${nameToText(rd)} ${nameToText(rd, p1)} ${nums.join(" ")}`;
    }
    case 15:
      return `${u16(rd, 0)} ${nameToText(rd, 2)}`;
    case 33:
      return `${u16(rd, 0)} ${u16(rd, 2)} ${u16(rd, 4)} ${nameToText(rd, 6)}`;
    case 16:
    case 99: {
      const parts: string[] = [];
      let p = 0;
      while (p < rd.length) {
        const [s, next] = charString(rd, p);
        parts.push(s);
        p = next;
      }
      return parts.join(" ");
    }
    case 43:
    case 59:
      return `${u16(rd, 0)} ${rd[2]} ${rd[3]} ${toHex(rd.subarray(4))}`;
    case 63:
      return `${u32(rd, 0)} ${rd[4]} ${rd[5]} ${toHex(rd.subarray(6))}`;
    default:
      return null;
  }
}

/** One record in presentation form, tab-separated like kdig/ldns output. */
export function recordToPresentation(rec: ZoneRecord): string {
  let rdata: string | null = null;
  try {
    rdata = formatRdata(rec.type, rec.rdata);
  } catch {
    rdata = null;
  }
  return `${nameToText(rec.owner)}\t${rec.ttl}\t${classToText(rec.class)}\t${typeToText(rec.type)}\t${rdata ?? rdataToGeneric(rec.rdata)}`;
}
