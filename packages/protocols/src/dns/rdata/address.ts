import { EncodeError } from "../errors";

/** Strict dotted-quad. */
export function parseIPv4(text: string, out: Uint8Array = new Uint8Array(4), at = 0): Uint8Array {
  let part = 0;
  let digits = 0;
  let idx = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || idx > 3) throw new EncodeError(`invalid IPv4 address '${text}'`);
      out[at + idx++] = part;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + (c - 48);
      digits++;
      if (part > 255) throw new EncodeError(`invalid IPv4 address '${text}'`);
    } else {
      throw new EncodeError(`invalid IPv4 address '${text}'`);
    }
  }
  if (idx !== 4) throw new EncodeError(`invalid IPv4 address '${text}'`);
  return out;
}

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * RFC 4291 §2.2 text forms, including `::` and a trailing dotted quad. Single pass, no
 * allocations but the result; with `out`, the 16 octets are written there at `base` instead.
 */
export function parseIPv6(text: string, out: Uint8Array = new Uint8Array(16), base = 0): Uint8Array {
  const n = text.length;
  let w = 0; // words written
  let gap = -1; // word index where "::" sits
  let i = 0;
  if (n >= 2 && text.charCodeAt(0) === 58 && text.charCodeAt(1) === 58) {
    gap = 0;
    i = 2;
  } else if (n > 0 && text.charCodeAt(0) === 58) {
    throw new EncodeError(`invalid IPv6 address '${text}'`);
  }
  while (i < n) {
    if (w >= 8) throw new EncodeError(`invalid IPv6 address '${text}'`);
    let v = 0;
    let digits = 0;
    const start = i;
    while (i < n) {
      const h = hexVal(text.charCodeAt(i));
      if (h < 0) break;
      v = (v << 4) | h;
      digits++;
      i++;
    }
    if (i < n && text.charCodeAt(i) === 46) {
      // Embedded IPv4 in the last 32 bits.
      if (w > 6) throw new EncodeError(`invalid IPv6 address '${text}'`);
      parseIPv4(text.slice(start), out, base + w * 2);
      w += 2;
      i = n;
      break;
    }
    if (digits === 0 || digits > 4) throw new EncodeError(`invalid IPv6 address '${text}'`);
    out[base + w * 2] = v >> 8;
    out[base + w * 2 + 1] = v & 0xff;
    w++;
    if (i === n) break;
    if (text.charCodeAt(i) !== 58) throw new EncodeError(`invalid IPv6 address '${text}'`);
    i++;
    if (i < n && text.charCodeAt(i) === 58) {
      if (gap >= 0) throw new EncodeError(`invalid IPv6 address '${text}'`);
      gap = w;
      i++;
    } else if (i === n) {
      throw new EncodeError(`invalid IPv6 address '${text}'`);
    }
  }
  if (gap < 0) {
    if (w !== 8) throw new EncodeError(`invalid IPv6 address '${text}'`);
    return out;
  }
  if (w > 7) throw new EncodeError(`invalid IPv6 address '${text}'`);
  // Slide the words after "::" to the end.
  const tail = (w - gap) * 2;
  out.copyWithin(base + 16 - tail, base + gap * 2, base + w * 2);
  out.fill(0, base + gap * 2, base + 16 - tail);
  return out;
}
