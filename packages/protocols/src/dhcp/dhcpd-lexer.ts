/**
 * dhcpd lease-file tokens: words, quoted strings (decoded to octets with conflex's escape rules),
 * `{`, `}` and `;`, read one line at a time (dhcpd never writes a newline inside a string).
 */

import { normalizeHex } from "./hwaddr";

export const T_WORD = 0;
export const T_STRING = 1;
export const T_OPEN = 2;
export const T_CLOSE = 3;
export const T_SEMI = 4;

export interface Token {
  t: number;
  /** Source text as written (strings keep their quotes and escapes). */
  src: string;
  /** Decoded octets of a string token. */
  bytes: number[] | null;
  line: number;
}

/**
 * Hands every token of one line to `onToken` (a `#` comment ends the line); false when a string is
 * not closed before the end of the line (the tokens before it were handed on).
 */
export function lexLine(text: string, lineNo: number, onToken: (tok: Token) => void): boolean {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 11 || c === 12) {
      i++;
      continue;
    }
    if (c === 35) return true; // '#' comment to end of line
    if (c === 123 || c === 125 || c === 59) {
      onToken({
        t: c === 123 ? T_OPEN : c === 125 ? T_CLOSE : T_SEMI,
        src: text[i]!,
        bytes: null,
        line: lineNo,
      });
      i++;
      continue;
    }
    if (c === 34) {
      const r = readString(text, i, lineNo);
      if (r === null) return false;
      i = r.end;
      onToken(r.token);
      continue;
    }
    let j = i + 1;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (
        d === 32 ||
        d === 9 ||
        d === 11 ||
        d === 12 ||
        d === 123 ||
        d === 125 ||
        d === 59 ||
        d === 34 ||
        d === 35
      )
        break;
      j++;
    }
    onToken({ t: T_WORD, src: text.slice(i, j), bytes: null, line: lineNo });
    i = j;
  }
  return true;
}

/** dhcpd's conflex string rules: \t \r \n \b, \ooo (1-3 octal digits), \xHH, otherwise literal. */
function readString(text: string, start: number, lineNo: number): { token: Token; end: number } | null {
  const bytes: number[] = [];
  const n = text.length;
  let i = start + 1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      return { token: { t: T_STRING, src: text.slice(start, i + 1), bytes, line: lineNo }, end: i + 1 };
    }
    if (c === 92) {
      if (i + 1 >= n) return null;
      const e = text.charCodeAt(i + 1);
      if (e >= 48 && e <= 55) {
        let v = 0;
        let k = i + 1;
        while (k < n && k < i + 4 && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 55) {
          v = v * 8 + (text.charCodeAt(k) - 48);
          k++;
        }
        bytes.push(v & 255);
        i = k;
        continue;
      }
      if ((e === 120 || e === 88) && i + 2 < n) {
        let v = 0;
        let k = i + 2;
        while (k < n && k < i + 4) {
          const h = hexv(text.charCodeAt(k));
          if (h < 0) break;
          v = v * 16 + h;
          k++;
        }
        if (k > i + 2) {
          bytes.push(v);
          i = k;
          continue;
        }
      }
      bytes.push(e === 116 ? 9 : e === 114 ? 13 : e === 110 ? 10 : e === 98 ? 8 : e);
      i += 2;
      continue;
    }
    if (c < 0x80) bytes.push(c);
    else for (const b of new TextEncoder().encode(String.fromCodePoint(text.codePointAt(i)!))) bytes.push(b);
    i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
  }
  return null;
}

function hexv(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

export function hexBytes(s: string): number[] | null {
  const h = normalizeHex(s, 255);
  if (h === null) return null;
  const out: number[] = [];
  for (let i = 0; i < h.length; i += 3) out.push(Number.parseInt(h.slice(i, i + 2), 16));
  return out;
}

/** The statement as written, tokens joined by one space. */
export function srcOf(s: Token[]): string {
  let out = "";
  for (let i = 0; i < s.length; i++) out += (i ? " " : "") + s[i]!.src;
  return out;
}

/** A string token's octets as text: ASCII as is, anything else decoded as UTF-8. */
export function decodeUtf8(bytes: number[]): string {
  let out = "";
  for (const b of bytes) {
    if (b > 127) return new TextDecoder().decode(new Uint8Array(bytes));
    out += String.fromCharCode(b);
  }
  return out;
}
