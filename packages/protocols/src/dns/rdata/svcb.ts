import { fromBase64 } from "../encoding";
import { EncodeError } from "../errors";
import type { ByteWriter } from "../writer";
import { parseIPv4, parseIPv6 } from "./address";
import type { Encoder } from "./basic";
import { type TokenCursor, clip, parseUint } from "./cursor";

const KEYS: Readonly<Record<string, number>> = Object.freeze({
  mandatory: 0,
  alpn: 1,
  "no-default-alpn": 2,
  port: 3,
  ipv4hint: 4,
  ech: 5,
  ipv6hint: 6,
  dohpath: 7,
  ohttp: 8,
});

function keyNumber(name: string): number {
  const lower = name.toLowerCase();
  const k = KEYS[lower];
  if (k !== undefined) return k;
  if (lower.startsWith("key")) {
    const v = parseUint(lower.slice(3), 65535);
    if (v >= 0 && v !== 65535) return v;
  }
  throw new EncodeError(`SVCB: unknown SvcParamKey '${clip(name)}'`);
}

/** Comma-separated list of plain items (keys, addresses), which never contain commas. */
function splitList(value: string): string[] {
  return value.split(",");
}

function encodeValue(c: TokenCursor, key: number, value: string | null): number[] {
  const out: number[] = [];
  const needValue = (): string => {
    if (value === null || value === "") throw new EncodeError(`SVCB: key${key} needs a value`);
    return value;
  };
  switch (key) {
    case 0: {
      const keys = splitList(needValue()).map(keyNumber);
      keys.sort((a, b) => a - b);
      for (let i = 0; i < keys.length; i++) {
        if (keys[i] === 0) throw new EncodeError("SVCB: mandatory must not list itself");
        if (i > 0 && keys[i] === keys[i - 1]) throw new EncodeError("SVCB: duplicate key in mandatory");
        out.push(keys[i]! >> 8, keys[i]! & 0xff);
      }
      return out;
    }
    case 1: {
      // RFC 9460 Appendix A.1: decode the char-string first, then split on commas, where
      // a backslash (after that decoding) escapes the next octet.
      const bytes = c.unescape(needValue());
      let item: number[] = [];
      const flush = (): void => {
        if (item.length === 0 || item.length > 255) throw new EncodeError("SVCB: bad alpn-id length");
        out.push(item.length, ...item);
        item = [];
      };
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i]!;
        if (b === 92 && i + 1 < bytes.length) item.push(bytes[++i]!);
        else if (b === 44) flush();
        else item.push(b);
      }
      flush();
      return out;
    }
    case 2:
    case 8:
      if (value !== null && value !== "") throw new EncodeError(`SVCB: key${key} takes no value`);
      return out;
    case 3: {
      const p = parseUint(needValue(), 65535);
      if (p < 0) throw new EncodeError("SVCB: invalid port");
      out.push(p >> 8, p & 0xff);
      return out;
    }
    case 4:
      for (const item of splitList(needValue())) out.push(...parseIPv4(item));
      return out;
    case 5:
      out.push(...fromBase64(needValue(), "SVCB ech"));
      return out;
    case 6:
      for (const item of splitList(needValue())) out.push(...parseIPv6(item));
      return out;
    default:
      return value === null ? out : c.unescape(value);
  }
}

/** RFC 9460 §2.2 presentation → wire; params are emitted in ascending key order, duplicates rejected. */
export const encodeSVCB: Encoder = (c, w: ByteWriter) => {
  c.u16(w, "priority");
  c.name(w, "target", false);
  const params: { key: number; value: number[] }[] = [];
  while (c.more) {
    let t = c.word("SvcParam");
    let value: string | null = null;
    const eq = t.indexOf("=");
    try {
      if (eq >= 0) {
        value = t.slice(eq + 1);
        t = t.slice(0, eq);
        // `key="quoted value"`: the lexer splits the quoted part into its own token.
        if (value === "" && c.peekQuoted()) value = c.next("value");
      }
      const key = keyNumber(t);
      if (params.some((p) => p.key === key)) throw new EncodeError(`SVCB: duplicate SvcParamKey '${t}'`);
      params.push({ key, value: encodeValue(c, key, value) });
    } catch (err) {
      c.back();
      throw err;
    }
  }
  params.sort((a, b) => a.key - b.key);
  for (const p of params) {
    if (p.value.length > 65535) throw new EncodeError("SVCB: value too long", "limit");
    w.u16(p.key);
    w.u16(p.value.length);
    w.bytes(p.value);
  }
};
