// Reversing the escaping each daemon applies to the communication text. Each returns raw octets so the
// UTF-8 check is done on what was on the wire, not on what the logger made of it.
import { decodeUtf8Lenient, decodeUtf8Strict, toHex } from "../bytes";

const enc = new TextEncoder();
const HEX4 = /^[0-9a-fA-F]{4}$/;
const HEX8 = /^[0-9a-fA-F]{8}$/;

function pushString(out: number[], s: string): void {
  for (const b of enc.encode(s)) out.push(b);
}

/**
 * The octets an escaped string stands for: literal text is UTF-8 encoded a run at a time (so a
 * surrogate pair stays one code point), escaped octets go in as they are.
 */
class Octets {
  private readonly out: number[] = [];
  private plain = "";

  text(c: string): void {
    this.plain += c;
  }

  byte(b: number): void {
    this.flush();
    this.out.push(b);
  }

  /** An escaped code point (Go's \u / \U), UTF-8 encoded on its own. */
  codePoint(cp: number): void {
    this.flush();
    pushString(this.out, String.fromCodePoint(cp));
  }

  bytes(): Uint8Array {
    this.flush();
    return Uint8Array.from(this.out);
  }

  private flush(): void {
    if (this.plain) pushString(this.out, this.plain);
    this.plain = "";
  }
}

function isHex(c: string | undefined): boolean {
  return c !== undefined && /^[0-9a-fA-F]$/.test(c);
}

/** FRR: non-printables and non-ASCII become \xHH, " becomes \x22, \n and \t stay C-style; "\" itself is not escaped. */
export function unescapeFrr(s: string): { bytes: Uint8Array; literalBackslash: boolean } {
  const out = new Octets();
  let literalBackslash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === "\\") {
      const n = s[i + 1];
      if (n === "x" && isHex(s[i + 2]) && isHex(s[i + 3])) {
        out.byte(Number.parseInt(s.slice(i + 2, i + 4), 16));
        i += 3;
        continue;
      }
      const simple: Record<string, number> = { n: 10, t: 9, r: 13 };
      if (n !== undefined && simple[n] !== undefined) {
        out.byte(simple[n] as number);
        i += 1;
        continue;
      }
      literalBackslash = true;
    }
    out.text(c);
  }
  return { bytes: out.bytes(), literalBackslash };
}

/** Go strconv.Quote (logrus/logfmt): \" \\ \a \b \f \n \r \t \v \xHH \ooo \uXXXX \UXXXXXXXX. */
export function unquoteGo(s: string): Uint8Array | undefined {
  const out = new Octets();
  const simple: Record<string, number> = {
    a: 7,
    b: 8,
    f: 12,
    n: 10,
    r: 13,
    t: 9,
    v: 11,
    "\\": 92,
    '"': 34,
    "'": 39,
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c !== "\\") {
      out.text(c);
      continue;
    }
    const n = s[i + 1];
    if (n === undefined) return undefined;
    if (simple[n] !== undefined) {
      out.byte(simple[n] as number);
      i += 1;
    } else if (n === "x") {
      const h = s.slice(i + 2, i + 4);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) return undefined;
      out.byte(Number.parseInt(h, 16));
      i += 3;
    } else if (n === "u" || n === "U") {
      const len = n === "u" ? 4 : 8;
      const h = s.slice(i + 2, i + 2 + len);
      if (!(n === "u" ? HEX4 : HEX8).test(h)) return undefined;
      const cp = Number.parseInt(h, 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
      out.codePoint(cp);
      i += 1 + len;
    } else if (/[0-7]/.test(n)) {
      const o = s.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(o)) return undefined;
      out.byte(Number.parseInt(o, 8) & 0xff);
      i += 3;
    } else {
      return undefined;
    }
  }
  return out.bytes();
}

/** OpenBGPD log_reason(): strnvis(3) C-style escapes (\n, \t, \\, \", octal \ooo). */
export function unescapeVis(s: string): Uint8Array {
  const out = new Octets();
  const simple: Record<string, number> = {
    n: 10,
    t: 9,
    r: 13,
    b: 8,
    a: 7,
    v: 11,
    f: 12,
    s: 32,
    "\\": 92,
    '"': 34,
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    const n = s[i + 1];
    if (c === "\\" && n !== undefined) {
      if (/^[0-7]{3}$/.test(s.slice(i + 1, i + 4))) {
        out.byte(Number.parseInt(s.slice(i + 1, i + 4), 8) & 0xff);
        i += 3;
        continue;
      }
      if (simple[n] !== undefined) {
        out.byte(simple[n] as number);
        i += 1;
        continue;
      }
    }
    out.text(c);
  }
  return out.bytes();
}

export interface RecoveredText {
  text: string;
  hex: string;
  validUtf8: boolean;
}

export function bytesToText(bytes: Uint8Array): RecoveredText {
  const strict = decodeUtf8Strict(bytes);
  return { text: strict ?? decodeUtf8Lenient(bytes), hex: toHex(bytes), validUtf8: strict !== undefined };
}

/** logfmt key=value pairs as written by logrus' TextFormatter (values bare or Go-quoted). */
export function parseLogfmt(line: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && line[i] === " ") i++;
    const keyStart = i;
    while (i < n && line[i] !== "=" && line[i] !== " ") i++;
    const key = line.slice(keyStart, i);
    if (i >= n || line[i] !== "=") continue;
    i++;
    if (line[i] === '"') {
      let j = i + 1;
      while (j < n && line[j] !== '"') j += line[j] === "\\" ? 2 : 1;
      out.set(key, line.slice(i, Math.min(j + 1, n)));
      i = j + 1;
    } else {
      const start = i;
      while (i < n && line[i] !== " ") i++;
      out.set(key, line.slice(start, i));
    }
  }
  return out;
}

/** A logfmt value: quoted values are Go-unquoted to octets, bare values taken as-is. */
export function logfmtValueBytes(v: string): Uint8Array | undefined {
  if (v.startsWith('"')) {
    if (v.length < 2 || !v.endsWith('"')) return undefined;
    return unquoteGo(v.slice(1, -1));
  }
  return enc.encode(v);
}
