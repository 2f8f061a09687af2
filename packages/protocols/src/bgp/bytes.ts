// Small byte helpers shared by the decoders. Kept dependency-free on purpose (no Buffer: runs in browsers too).

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

const HEX_CODES = new Uint8Array(512);
for (let i = 0; i < 256; i++) {
  HEX_CODES[2 * i] = (HEX[i] as string).charCodeAt(0);
  HEX_CODES[2 * i + 1] = (HEX[i] as string).charCodeAt(1);
}
// The hex digits are ASCII, so a single-byte decode of a scratch buffer builds the string in one step
// (per-byte concatenation allocated a string per octet and was most of the BMP decoder's time).
const asciiDecoder = new TextDecoder("latin1");
const scratch = new Uint8Array(8192);

export function toHex(bytes: Uint8Array): string {
  const n = bytes.length;
  if (n <= 8) {
    let s = "";
    for (let i = 0; i < n; i++) s += HEX[bytes[i] as number];
    return s;
  }
  // The shared scratch buffer stays small; a rare huge input gets a buffer of its own.
  const out = 2 * n <= scratch.length ? scratch : new Uint8Array(2 * n);
  for (let i = 0; i < n; i++) {
    const c = 2 * (bytes[i] as number);
    out[2 * i] = HEX_CODES[c] as number;
    out[2 * i + 1] = HEX_CODES[c + 1] as number;
  }
  return asciiDecoder.decode(out.subarray(0, 2 * n));
}

/** Eight hex digits of a 32-bit unsigned number. */
export function hex32(n: number): string {
  return (HEX[n >>> 24] as string) + HEX[(n >>> 16) & 0xff] + HEX[(n >>> 8) & 0xff] + HEX[n & 0xff];
}

/** Parses even-length hex (whitespace ignored); returns undefined on anything else. */
export function fromHex(hex: string): Uint8Array | undefined {
  const clean = hex.replace(/\s+/g, "");
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) return undefined;
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function u16(b: Uint8Array, o: number): number {
  return ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
}

export function u32(b: Uint8Array, o: number): number {
  return (
    ((b[o] ?? 0) * 0x1000000 + (((b[o + 1] ?? 0) << 16) | ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0))) >>> 0
  );
}

/** 64-bit unsigned as a JS number; `exact` is false above 2^53 (BMP gauges rarely get there). */
export function u64(b: Uint8Array, o: number): { value: number; exact: boolean } {
  const hi = u32(b, o);
  const lo = u32(b, o + 4);
  const value = hi * 0x100000000 + lo;
  return { value, exact: hi < 0x200000 };
}

export function ipv4(b: Uint8Array, o: number): string {
  return `${b[o] ?? 0}.${b[o + 1] ?? 0}.${b[o + 2] ?? 0}.${b[o + 3] ?? 0}`;
}

/** RFC 5952 text form (lowercase, longest zero run compressed, leftmost on ties). */
export function ipv6(b: Uint8Array, o: number): string {
  const words: number[] = [];
  for (let i = 0; i < 8; i++) words.push(u16(b, o + i * 2));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const part = (ws: number[]) => ws.map((w) => w.toString(16)).join(":");
  if (bestStart < 0) return part(words);
  return `${part(words.slice(0, bestStart))}::${part(words.slice(bestStart + bestLen))}`;
}

const fatalUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/** Strict UTF-8 (RFC 3629): undefined when the bytes are not valid UTF-8. */
export function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  try {
    return fatalUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** For display only: invalid sequences become U+FFFD. */
export function decodeUtf8Lenient(bytes: Uint8Array): string {
  return lenientUtf8.decode(bytes);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
