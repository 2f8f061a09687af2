import { EncodeError } from "./errors";

const HEX_CHARS = "0123456789abcdef";
const HEX_TABLE: string[] = Array.from({ length: 256 }, (_, i) => HEX_CHARS[i >> 4]! + HEX_CHARS[i & 15]!);

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += HEX_TABLE[bytes[i]!]!;
  return out;
}

function hexNibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Strict hex (whitespace already removed by the lexer). */
export function fromHex(text: string, what = "hex"): Uint8Array {
  if (text.length % 2 !== 0) throw new EncodeError(`${what}: odd number of hex digits`);
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hexNibble(text.charCodeAt(2 * i));
    const lo = hexNibble(text.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) throw new EncodeError(`${what}: invalid hex digit`);
    out[i] = (hi << 4) | lo;
  }
  return out;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_TABLE = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_TABLE[B64.charCodeAt(i)] = i;

/** Strict RFC 4648 base64: padding optional only when the length is a multiple of 4 anyway. */
export function fromBase64(text: string, what = "base64"): Uint8Array {
  let end = text.length;
  let pad = 0;
  while (end > 0 && text.charCodeAt(end - 1) === 61) {
    end--;
    pad++;
  }
  if (pad > 2 || (pad > 0 && text.length % 4 !== 0)) throw new EncodeError(`${what}: bad padding`);
  const rem = end % 4;
  if (rem === 1) throw new EncodeError(`${what}: truncated base64`);
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? B64_TABLE[c]! : -1;
    if (v < 0) throw new EncodeError(`${what}: invalid base64 character`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return o === out.length ? out : out.subarray(0, o);
}

const B32HEX_TABLE = new Int16Array(128).fill(-1);
for (let i = 0; i < 32; i++) {
  const ch = "0123456789ABCDEFGHIJKLMNOPQRSTUV".charCodeAt(i);
  B32HEX_TABLE[ch] = i;
  if (ch >= 65) B32HEX_TABLE[ch + 32] = i;
}

/** RFC 4648 §7 base32hex without padding, as NSEC3 next-hashed-owner uses (RFC 5155 §3.3). */
export function fromBase32Hex(text: string, what = "base32hex"): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? B32HEX_TABLE[c]! : -1;
    if (v < 0) throw new EncodeError(`${what}: invalid base32hex character`);
    acc = ((acc << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if (bits >= 5 || (acc & ((1 << bits) - 1)) !== 0) throw new EncodeError(`${what}: bad base32hex length`);
  return out;
}

/**
 * Appends the octets of `ch` to `out`. In latin1 mode (input decoded byte-for-byte) each char is one
 * octet; otherwise non-ASCII text is encoded as UTF-8, which is what the file bytes were.
 */
export function pushChar(out: number[], code: number, latin1: boolean): void {
  if (code < 0x80 || (latin1 && code < 0x100)) {
    out.push(code);
  } else if (code < 0x800) {
    out.push(0xc0 | (code >> 6), 0x80 | (code & 63));
  } else if (code < 0x10000) {
    out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  } else {
    out.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
}

/**
 * RFC 1035 §5.1 escapes: `\DDD` is a decimal octet, `\X` is X itself. Returns octets.
 */
export function unescapeText(text: string, latin1: boolean, out: number[] = []): number[] {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.codePointAt(i)!;
    if (c > 0xffff) i++;
    if (c !== 92) {
      pushChar(out, c, latin1);
      continue;
    }
    if (i + 1 >= n) throw new EncodeError("dangling backslash");
    const d1 = text.charCodeAt(i + 1);
    if (d1 >= 48 && d1 <= 57) {
      const d2 = text.charCodeAt(i + 2);
      const d3 = text.charCodeAt(i + 3);
      if (!(d2 >= 48 && d2 <= 57 && d3 >= 48 && d3 <= 57))
        throw new EncodeError("\\DDD escape needs three digits");
      const v = (d1 - 48) * 100 + (d2 - 48) * 10 + (d3 - 48);
      if (v > 255) throw new EncodeError(`\\DDD escape out of range: ${v}`);
      out.push(v);
      i += 3;
    } else {
      const cp = text.codePointAt(i + 1)!;
      pushChar(out, cp, latin1);
      i += cp > 0xffff ? 2 : 1;
    }
  }
  return out;
}

/**
 * Bytes → one char per octet. (TextDecoder("latin1") is really windows-1252 and would
 * remap 0x80–0x9F, so it cannot be used; Node's Buffer "latin1" is true ISO-8859-1 and
 * decodes in native code. Buffer is looked up, not imported: browsers get the plain loop.)
 */
export function bytesToLatin1(bytes: Uint8Array): string {
  const B = (globalThis as { Buffer?: typeof import("node:buffer").Buffer }).Buffer;
  if (B !== undefined) return B.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  let s = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    s += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]);
  }
  return s;
}
