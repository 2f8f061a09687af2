import { pushChar } from "./encoding";
import { EncodeError, MAX_LABEL_OCTETS, MAX_NAME_OCTETS } from "./errors";
import { ByteWriter } from "./writer";

export const ROOT_NAME: Uint8Array = new Uint8Array([0]);

/** ASCII label octets other than `.` and `\\`, and their lower-case forms. */
const PLAIN = new Uint8Array(128).fill(1);
PLAIN[46] = 0;
PLAIN[92] = 0;
const LOWER = Uint8Array.from({ length: 128 }, (_, c) => (c >= 65 && c <= 90 ? c + 32 : c));

/** Context for relative names: the current $ORIGIN (wire form), or null when none is known yet. */
export interface NameContext {
  origin: Uint8Array | null;
  latin1: boolean;
}

/**
 * Encodes a presentation-format domain name (RFC 1035 §5.1: `@`, relative names, `\DDD`, `\X`)
 * as uncompressed wire format into `w`. With `lower`, ASCII letters are folded, as the
 * canonical form (RFC 4034 §6.2) requires for owners and for the embedded names of some types.
 */
export function writeName(w: ByteWriter, text: string, ctx: NameContext, lower: boolean): void {
  const start = w.len;
  if (text === "@") {
    if (ctx.origin === null) throw new EncodeError("'@' used but no $ORIGIN is known", "bad_name");
    writeOrigin(w, ctx.origin, lower);
    return;
  }
  if (text === ".") {
    w.u8(0);
    return;
  }
  const n = text.length;
  if (n === 0) throw new EncodeError("empty domain name", "bad_name");
  // Worst case every char becomes 4 octets; reserve enough once instead of per byte.
  w.ensure(n * 4 + 2 + (ctx.origin?.length ?? 0));
  const buf = w.buf;
  let lenPos = w.len;
  let pos = lenPos + 1;
  let absolute = false;
  let tmp: number[] | null = null;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    // Most characters are plain ASCII label octets: one table look-up, no other tests.
    if (c < 128 && PLAIN[c] !== 0) {
      buf[pos++] = lower ? LOWER[c]! : c;
      continue;
    }
    if (c === 46) {
      const labelLen = pos - lenPos - 1;
      if (labelLen === 0) throw new EncodeError(`empty label in '${text}'`, "bad_name");
      if (labelLen > MAX_LABEL_OCTETS)
        throw new EncodeError(`label longer than 63 octets in '${clip(text)}'`, "limit");
      buf[lenPos] = labelLen;
      if (i === n - 1) {
        buf[pos++] = 0;
        absolute = true;
        break;
      }
      lenPos = pos;
      pos = lenPos + 1;
      continue;
    }
    if (c === 92) {
      if (i + 1 >= n) throw new EncodeError("dangling backslash in name", "bad_name");
      const d1 = text.charCodeAt(i + 1);
      if (d1 >= 48 && d1 <= 57) {
        const d2 = text.charCodeAt(i + 2);
        const d3 = text.charCodeAt(i + 3);
        if (!(d2 >= 48 && d2 <= 57 && d3 >= 48 && d3 <= 57)) {
          throw new EncodeError("\\DDD escape needs three digits", "bad_name");
        }
        c = (d1 - 48) * 100 + (d2 - 48) * 10 + (d3 - 48);
        if (c > 255) throw new EncodeError(`\\DDD escape out of range: ${c}`, "bad_name");
        i += 3;
        if (lower && c >= 65 && c <= 90) c += 32;
        buf[pos++] = c;
        continue;
      }
      i++;
      c = d1;
    }
    if (c < 0x80 || (ctx.latin1 && c < 0x100)) {
      if (lower && c >= 65 && c <= 90) c += 32;
      buf[pos++] = c;
    } else {
      tmp ??= [];
      tmp.length = 0;
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      pushChar(tmp, cp, ctx.latin1);
      for (const b of tmp) buf[pos++] = b;
    }
  }
  if (!absolute) {
    const labelLen = pos - lenPos - 1;
    if (labelLen === 0) throw new EncodeError(`empty label in '${text}'`, "bad_name");
    if (labelLen > MAX_LABEL_OCTETS)
      throw new EncodeError(`label longer than 63 octets in '${clip(text)}'`, "limit");
    buf[lenPos] = labelLen;
    w.len = pos;
    if (ctx.origin === null)
      throw new EncodeError(`relative name '${clip(text)}' but no $ORIGIN is known`, "bad_name");
    writeOrigin(w, ctx.origin, lower);
  } else {
    w.len = pos;
  }
  if (w.len - start > MAX_NAME_OCTETS) {
    throw new EncodeError(`domain name longer than 255 octets: '${clip(text)}'`, "limit");
  }
}

function writeOrigin(w: ByteWriter, origin: Uint8Array, lower: boolean): void {
  const at = w.len;
  w.bytes(origin);
  if (lower) lowerAscii(w.buf, at, w.len);
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

export function lowerAscii(buf: Uint8Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const c = buf[i]!;
    if (c >= 65 && c <= 90) buf[i] = c + 32;
  }
}

/**
 * Offset just past the wire name starting at `at`, validating label structure; with `lower`, each
 * label is first checked to lie inside the buffer and then lower-cased in place.
 */
function walkName(buf: Uint8Array, at: number, lower: boolean): number {
  let p = at;
  for (;;) {
    const len = buf[p];
    if (len === undefined) throw new EncodeError("truncated domain name in rdata");
    if (len === 0) return p + 1;
    if (len > MAX_LABEL_OCTETS) throw new EncodeError("compressed or invalid label in rdata");
    if (lower) {
      if (p + 1 + len > buf.length) throw new EncodeError("truncated domain name in rdata");
      lowerAscii(buf, p + 1, p + 1 + len);
    }
    p += 1 + len;
    if (p - at > MAX_NAME_OCTETS) throw new EncodeError("domain name longer than 255 octets in rdata");
  }
}

/** Lower-cases the labels of a wire name in place; walks labels because length octets may look like letters. */
export function lowerNameInPlace(buf: Uint8Array, at: number): number {
  return walkName(buf, at, true);
}

/** Offset just past the wire name starting at `at`, validating label structure. */
export function skipName(buf: Uint8Array, at: number): number {
  return walkName(buf, at, false);
}

/** Parses a presentation name into a fresh wire-format array. */
export function nameFromText(
  text: string,
  origin: string | Uint8Array | null = null,
  lower = true,
  w?: ByteWriter,
): Uint8Array {
  const writer = w ?? new ByteWriter(512);
  const start = writer.len;
  let originWire: Uint8Array | null = null;
  if (typeof origin === "string") {
    originWire = nameFromText(origin.endsWith(".") ? origin : `${origin}.`, null, false);
  } else {
    originWire = origin;
  }
  writeName(writer, text, { origin: originWire, latin1: false }, lower);
  return writer.copy(start);
}

const PRINTABLE_SPECIAL = new Set([34, 36, 40, 41, 46, 59, 64, 92]); // " $ ( ) . ; @ \

/** Wire name → presentation text, absolute with trailing dot, escaping as RFC 4343 §2.1. */
export function nameToText(wire: Uint8Array, at = 0): string {
  if (wire[at] === 0) return ".";
  let out = "";
  let p = at;
  for (;;) {
    const len = wire[p];
    if (len === undefined || len === 0) break;
    for (let i = p + 1; i <= p + len; i++) {
      const c = wire[i]!;
      if (c <= 32 || c >= 127) out += `\\${c.toString().padStart(3, "0")}`;
      else if (PRINTABLE_SPECIAL.has(c)) out += `\\${String.fromCharCode(c)}`;
      else out += String.fromCharCode(c);
    }
    out += ".";
    p += 1 + len;
  }
  return out;
}

/** Number of labels, not counting the root. */
export function labelCount(wire: Uint8Array): number {
  let n = 0;
  let p = 0;
  while (p < wire.length && wire[p] !== 0) {
    n++;
    p += 1 + wire[p]!;
  }
  return n;
}

/** True when `name` equals `zone` or lies below it (both canonical, i.e. already lower-cased). */
export function isAtOrBelow(name: Uint8Array, zone: Uint8Array): boolean {
  const off = name.length - zone.length;
  if (off < 0) return false;
  // The suffix must start on a label boundary.
  let p = 0;
  while (p < off) p += 1 + name[p]!;
  if (p !== off) return false;
  for (let i = 0; i < zone.length; i++) if (name[off + i] !== zone[i]) return false;
  return true;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
