// Test-only: walks MRT (RFC 6396) records and returns the BGP messages inside BGP4MP_MESSAGE(_AS4).
import { readFileSync } from "node:fs";

export function mrtBgpMessages(path: string): Uint8Array[] {
  const b = new Uint8Array(readFileSync(path));
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: Uint8Array[] = [];
  let p = 0;
  while (p + 12 <= b.length) {
    const type = dv.getUint16(p + 4);
    const sub = dv.getUint16(p + 6);
    const len = dv.getUint32(p + 8);
    const body = b.subarray(p + 12, p + 12 + len);
    p += 12 + len;
    // BGP4MP (16) / BGP4MP_ET (17); subtypes 1 MESSAGE, 4 MESSAGE_AS4, 6/7 LOCAL variants.
    if (type !== 16 && type !== 17) continue;
    const rec = type === 17 ? body.subarray(4) : body;
    const as4 = sub === 4 || sub === 7;
    if (sub !== 1 && sub !== 4 && sub !== 6 && sub !== 7) continue;
    const asLen = as4 ? 4 : 2;
    const afi = (rec[2 * asLen + 2] ?? 0) * 256 + (rec[2 * asLen + 3] ?? 0);
    const ipLen = afi === 2 ? 16 : 4;
    out.push(rec.subarray(2 * asLen + 4 + 2 * ipLen));
  }
  return out;
}
