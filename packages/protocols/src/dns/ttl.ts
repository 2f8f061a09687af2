import { EncodeError } from "./errors";

/** RFC 2181 §8: TTLs are 31-bit. */
export const MAX_TTL = 0x7fffffff;

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/**
 * TTL in seconds: plain decimal or BIND-style units (`1h30m`, `2W`, case-insensitive).
 * A trailing number without unit counts as seconds.
 */
export function parseTtl(text: string): number {
  const n = text.length;
  if (n === 0) throw new EncodeError("empty TTL");
  let total = 0;
  let cur = -1;
  let sawUnit = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      cur = Math.max(cur, 0) * 10 + (c - 48);
      if (cur > MAX_TTL) throw new EncodeError(`TTL out of range: ${text}`);
      continue;
    }
    const unit = UNIT_SECONDS[String.fromCharCode(c | 32)];
    if (unit === undefined || cur < 0) throw new EncodeError(`invalid TTL: '${text}'`);
    total += cur * unit;
    cur = -1;
    sawUnit = true;
  }
  if (cur >= 0) total += cur;
  else if (!sawUnit) throw new EncodeError(`invalid TTL: '${text}'`);
  if (total > MAX_TTL) throw new EncodeError(`TTL out of range: ${text}`);
  return total;
}

/** True when the token can only be a TTL (RR type and class mnemonics never start with a digit). */
export function looksLikeTtl(text: string): boolean {
  const c = text.charCodeAt(0);
  return c >= 48 && c <= 57;
}
