// Byte helpers for the RSerPool codecs: DataView-free reads on Uint8Array (no Buffer: runs in browsers).

import { formatIPv6, parseIPv4, parseIPv6 } from "../net/ip";
import { fail } from "./errors";

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

export function toHex(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i++) s += HEX[b[i] as number];
  return s;
}

/** Even-length hex, whitespace and an optional 0x ignored; undefined on anything else. */
export function fromHex(hex: string): Uint8Array | undefined {
  const clean = hex.replace(/\s+/g, "").replace(/^0x/i, "");
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) return undefined;
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function hex32(n: number): string {
  return `0x${(n >>> 0).toString(16).padStart(8, "0")}`;
}

export const u8 = (b: Uint8Array, o: number): number => b[o] as number;
export const u16 = (b: Uint8Array, o: number): number => ((b[o] as number) << 8) | (b[o + 1] as number);
export const u32 = (b: Uint8Array, o: number): number =>
  ((b[o] as number) * 0x1000000 +
    (((b[o + 1] as number) << 16) | ((b[o + 2] as number) << 8) | (b[o + 3] as number))) >>>
  0;
export const u16le = (b: Uint8Array, o: number): number => (b[o] as number) | ((b[o + 1] as number) << 8);
export const u32le = (b: Uint8Array, o: number): number =>
  ((b[o] as number) | ((b[o + 1] as number) << 8) | ((b[o + 2] as number) << 16)) +
  (b[o + 3] as number) * 0x1000000;

/** A 64-bit big-endian value as a bigint (CSP identifiers use all 64 bits). */
export function u64(b: Uint8Array, o: number): bigint {
  return (BigInt(u32(b, o)) << 32n) | BigInt(u32(b, o + 4));
}

/** Throws a precise "truncated" error unless `need` bytes are there at `o` (base = absolute offset of b[0]). */
export function need(b: Uint8Array, o: number, n: number, field: string, base = 0): void {
  if (o + n > b.length)
    fail("truncated", base + o, field, `needs ${n} bytes, ${Math.max(0, b.length - o)} left`);
}

export function ipv4Text(b: Uint8Array, o: number): string {
  return `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
}

/** RFC 5952 text of a 16-byte IPv6 address (the console's one IP module writes it). */
export function ipv6Text(b: Uint8Array, o: number): string {
  const g: number[] = [];
  for (let i = 0; i < 8; i++) g.push(u16(b, o + 2 * i));
  return formatIPv6(g);
}

/** Parses dotted IPv4 or IPv6 text to bytes (with the console's one IP module); undefined when it is neither. */
export function parseAddress(s: string): Uint8Array | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(s)) {
    const n = parseIPv4(s);
    return n < 0 ? undefined : Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  }
  const g = parseIPv6(s);
  if (!g) return undefined;
  const out = new Uint8Array(16);
  g.forEach((x, i) => {
    out[2 * i] = x >> 8;
    out[2 * i + 1] = x & 0xff;
  });
  return out;
}

/** Latin-1-safe text of a pool handle: printable ASCII as is, anything else as \xNN (handles are octet strings). */
export function handleText(b: Uint8Array): string {
  let s = "";
  for (const c of b) s += c >= 0x20 && c < 0x7f && c !== 0x5c ? String.fromCharCode(c) : `\\x${HEX[c]}`;
  return s;
}

/** Growable big-endian writer for the encoders. */
export class Writer {
  private buf = new Uint8Array(256);
  length = 0;
  private grow(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  u8(v: number): this {
    this.grow(1);
    this.buf[this.length++] = v & 0xff;
    return this;
  }
  u16(v: number): this {
    this.grow(2);
    this.buf[this.length++] = (v >>> 8) & 0xff;
    this.buf[this.length++] = v & 0xff;
    return this;
  }
  u32(v: number): this {
    this.u16((v >>> 16) & 0xffff);
    return this.u16(v & 0xffff);
  }
  u64(v: bigint): this {
    this.u32(Number((v >> 32n) & 0xffffffffn));
    return this.u32(Number(v & 0xffffffffn));
  }
  bytes(b: Uint8Array): this {
    this.grow(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
    return this;
  }
  zeros(n: number): this {
    this.grow(n);
    this.buf.fill(0, this.length, this.length + n);
    this.length += n;
    return this;
  }
  pad4(): this {
    return this.zeros((4 - (this.length % 4)) % 4);
  }
  setU16(at: number, v: number): void {
    this.buf[at] = (v >>> 8) & 0xff;
    this.buf[at + 1] = v & 0xff;
  }
  done(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
