import { CERT_TYPES, DNSSEC_ALGORITHMS, typeFromText } from "../constants";
import { fromBase32Hex, fromBase64, fromHex } from "../encoding";
import { EncodeError } from "../errors";
import { writeName } from "../names";
import type { ByteWriter } from "../writer";
import { parseIPv4, parseIPv6 } from "./address";
import type { Encoder } from "./basic";
import { type TokenCursor, clip, parseUint } from "./cursor";

/** Number or IANA mnemonic (e.g. RSASHA256). */
function mnemonicOrNumber(
  c: TokenCursor,
  what: string,
  table: Readonly<Record<string, number>>,
  max: number,
) {
  const t = c.word(what);
  const v = table[t.toUpperCase()] ?? parseUint(t, max);
  if (v < 0) {
    c.back();
    throw new EncodeError(`${c.typeName}: invalid ${what} '${clip(t)}'`);
  }
  return v;
}

/** RFC 4034 §4.1.2 type bitmap from the remaining tokens (windowed, only non-empty windows). */
export function writeTypeBitmap(c: TokenCursor, w: ByteWriter): void {
  const types: number[] = [];
  while (c.more) {
    const t = c.word("type");
    const v = typeFromText(t);
    if (v === undefined) {
      c.back();
      throw new EncodeError(`${c.typeName}: unknown type '${clip(t)}' in type bitmap`, "unknown_type");
    }
    types.push(v);
  }
  types.sort((a, b) => a - b);
  let i = 0;
  while (i < types.length) {
    const win = types[i]! >> 8;
    const bits = new Uint8Array(32);
    let maxByte = 0;
    while (i < types.length && types[i]! >> 8 === win) {
      const low = types[i]! & 0xff;
      bits[low >> 3]! |= 0x80 >> (low & 7);
      if (low >> 3 > maxByte) maxByte = low >> 3;
      i++;
    }
    w.u8(win);
    w.u8(maxByte + 1);
    w.bytes(bits.subarray(0, maxByte + 1));
  }
}

/** RFC 4034 §3.2: YYYYMMDDHHmmSS (UTC), or a plain 32-bit number of seconds. */
function writeSigTime(c: TokenCursor, w: ByteWriter, what: string): void {
  const t = c.word(what);
  let v = -1;
  if (t.length === 14 && /^[0-9]{14}$/.test(t)) {
    const y = Number(t.slice(0, 4));
    const mo = Number(t.slice(4, 6));
    const d = Number(t.slice(6, 8));
    const h = Number(t.slice(8, 10));
    const mi = Number(t.slice(10, 12));
    const s = Number(t.slice(12, 14));
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && s <= 60) {
      // Serial-number arithmetic (RFC 4034 §3.1.5): times wrap modulo 2^32.
      v = (Date.UTC(y, mo - 1, d, h, mi, s) / 1000) % 2 ** 32;
    }
  } else {
    v = parseUint(t, 0xffffffff);
  }
  if (v < 0) {
    c.back();
    throw new EncodeError(`${c.typeName}: invalid ${what} '${clip(t)}'`);
  }
  w.u32(v);
}

export const encodeRRSIG: Encoder = (c, w, lower) => {
  const t = c.word("type covered");
  const covered = typeFromText(t);
  if (covered === undefined) {
    c.back();
    throw new EncodeError(`${c.typeName}: unknown type covered '${clip(t)}'`, "unknown_type");
  }
  w.u16(covered);
  w.u8(mnemonicOrNumber(c, "algorithm", DNSSEC_ALGORITHMS, 255));
  c.u8(w, "labels");
  c.u32(w, "original TTL");
  writeSigTime(c, w, "signature expiration");
  writeSigTime(c, w, "signature inception");
  c.u16(w, "key tag");
  c.name(w, "signer's name", lower);
  c.base64(w, "signature");
};

export const encodeNSEC: Encoder = (c, w, lower) => {
  c.name(w, "next domain name", lower);
  writeTypeBitmap(c, w);
};

export const encodeDS: Encoder = (c, w) => {
  c.u16(w, "key tag");
  w.u8(mnemonicOrNumber(c, "algorithm", DNSSEC_ALGORITHMS, 255));
  c.u8(w, "digest type");
  c.hex(w, "digest");
};

export const encodeDNSKEY: Encoder = (c, w) => {
  c.u16(w, "flags");
  c.u8(w, "protocol");
  w.u8(mnemonicOrNumber(c, "algorithm", DNSSEC_ALGORITHMS, 255));
  c.base64(w, "public key");
};

function writeSalt(c: TokenCursor, w: ByteWriter): void {
  const t = c.word("salt");
  if (t === "-") {
    w.u8(0);
    return;
  }
  try {
    const b = fromHex(t, `${c.typeName} salt`);
    if (b.length > 255) throw new EncodeError(`${c.typeName}: salt longer than 255 octets`, "limit");
    w.u8(b.length);
    w.bytes(b);
  } catch (err) {
    c.back();
    throw err;
  }
}

export const encodeNSEC3: Encoder = (c, w) => {
  c.u8(w, "hash algorithm");
  c.u8(w, "flags");
  c.u16(w, "iterations");
  writeSalt(c, w);
  const t = c.word("next hashed owner name");
  try {
    const b = fromBase32Hex(t, `${c.typeName} next hashed owner name`);
    if (b.length === 0 || b.length > 255)
      throw new EncodeError(`${c.typeName}: bad next hashed owner length`);
    w.u8(b.length);
    w.bytes(b);
  } catch (err) {
    c.back();
    throw err;
  }
  writeTypeBitmap(c, w);
};

export const encodeNSEC3PARAM: Encoder = (c, w) => {
  c.u8(w, "hash algorithm");
  c.u8(w, "flags");
  c.u16(w, "iterations");
  writeSalt(c, w);
};

export const encodeCSYNC: Encoder = (c, w) => {
  c.u32(w, "SOA serial");
  c.u16(w, "flags");
  writeTypeBitmap(c, w);
};

/** RFC 8976 §2.2.4: the digest must be at least 12 octets; exact length is checked by the verifier. */
export const encodeZONEMD: Encoder = (c, w) => {
  c.u32(w, "serial");
  c.u8(w, "scheme");
  c.u8(w, "hash algorithm");
  const start = c.pos;
  const n = c.hex(w, "digest");
  if (n < 12) {
    c.pos = start;
    throw new EncodeError(`ZONEMD: digest is ${n} octets, RFC 8976 §2.2.4 requires at least 12`);
  }
};

/** TLSA / SMIMEA (RFC 6698 §2.2). */
export const encodeTLSA: Encoder = (c, w) => {
  c.u8(w, "certificate usage");
  c.u8(w, "selector");
  c.u8(w, "matching type");
  c.hex(w, "certificate association data");
};

export const encodeSSHFP: Encoder = (c, w) => {
  c.u8(w, "algorithm");
  c.u8(w, "fingerprint type");
  c.hex(w, "fingerprint");
};

export const encodeCERT: Encoder = (c, w) => {
  w.u16(mnemonicOrNumber(c, "certificate type", CERT_TYPES, 0xffff));
  c.u16(w, "key tag");
  w.u8(mnemonicOrNumber(c, "algorithm", DNSSEC_ALGORITHMS, 255));
  c.base64(w, "certificate");
};

/** OPENPGPKEY, DHCID: the whole RDATA is base64. */
export const encodeBase64: Encoder = (c, w) => {
  c.base64(w, "data");
};

/** RFC 4025 §3: the gateway's form depends on the gateway type. */
export const encodeIPSECKEY: Encoder = (c, w) => {
  c.u8(w, "precedence");
  const gwType = c.u8(w, "gateway type");
  c.u8(w, "algorithm");
  const gw = c.word("gateway");
  try {
    if (gwType === 0) {
      if (gw !== ".") throw new EncodeError("IPSECKEY: gateway must be '.' for gateway type 0");
    } else if (gwType === 1) {
      w.bytes(parseIPv4(gw));
    } else if (gwType === 2) {
      w.bytes(parseIPv6(gw));
    } else if (gwType === 3) {
      writeName(w, gw, c.ctx, false);
    } else {
      throw new EncodeError(`IPSECKEY: unknown gateway type ${gwType}`);
    }
  } catch (err) {
    c.back();
    throw err;
  }
  if (c.more) c.base64(w, "public key");
};

/** RFC 8005 §3: HIT and key lengths come first on the wire, so both are decoded before writing. */
export const encodeHIP: Encoder = (c, w) => {
  const alg = c.uint("PK algorithm", 255);
  const hitText = c.word("HIT");
  const keyText = c.word("public key");
  let hit: Uint8Array;
  let key: Uint8Array;
  try {
    hit = fromHex(hitText, "HIP HIT");
    if (hit.length > 255) throw new EncodeError("HIP: HIT longer than 255 octets", "limit");
  } catch (err) {
    c.pos -= 2;
    throw err;
  }
  try {
    key = fromBase64(keyText, "HIP public key");
  } catch (err) {
    c.back();
    throw err;
  }
  w.u8(hit.length);
  w.u8(alg);
  w.u16(key.length);
  w.bytes(hit);
  w.bytes(key);
  while (c.more) c.name(w, "rendezvous server", false);
};
