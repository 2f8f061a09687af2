import { EncodeError } from "../errors";
import { parseTtl } from "../ttl";
import type { ByteWriter } from "../writer";
import { parseIPv4, parseIPv6 } from "./address";
import type { TokenCursor } from "./cursor";

export type Encoder = (c: TokenCursor, w: ByteWriter, lower: boolean) => void;

export const encodeA: Encoder = (c, w) => {
  const t = c.word("address");
  try {
    w.ensure(4);
    parseIPv4(t, w.buf, w.len);
    w.len += 4;
  } catch (err) {
    c.back();
    throw err;
  }
};

export const encodeAAAA: Encoder = (c, w) => {
  const t = c.word("address");
  try {
    w.ensure(16);
    parseIPv6(t, w.buf, w.len);
    w.len += 16;
  } catch (err) {
    c.back();
    throw err;
  }
};

export const encodeName: Encoder = (c, w, lower) => c.name(w, "domain name", lower);

export const encodeTwoNames: Encoder = (c, w, lower) => {
  c.name(w, "first domain name", lower);
  c.name(w, "second domain name", lower);
};

/** MX, AFSDB, RT, KX: 16-bit preference + name. */
export const encodePrefName: Encoder = (c, w, lower) => {
  c.u16(w, "preference");
  c.name(w, "domain name", lower);
};

export const encodePX: Encoder = (c, w, lower) => {
  c.u16(w, "preference");
  c.name(w, "MAP822", lower);
  c.name(w, "MAPX400", lower);
};

/** SOA timers accept TTL-style units (BIND and ldns do); the serial is a plain 32-bit number. */
export const encodeSOA: Encoder = (c, w, lower) => {
  c.name(w, "MNAME", lower);
  c.name(w, "RNAME", lower);
  c.u32(w, "serial");
  for (const what of ["refresh", "retry", "expire", "minimum"]) {
    const t = c.word(what);
    try {
      w.u32(parseTtl(t));
    } catch {
      c.back();
      throw new EncodeError(`SOA: invalid ${what} '${t}'`);
    }
  }
};

export const encodeTXT: Encoder = (c, w) => {
  c.charString(w, "character-string");
  while (c.more) c.charString(w, "character-string");
};

export const encodeHINFO: Encoder = (c, w) => {
  c.charString(w, "CPU");
  c.charString(w, "OS");
};

export const encodeX25: Encoder = (c, w) => {
  c.charString(w, "PSDN address");
};

export const encodeISDN: Encoder = (c, w) => {
  c.charString(w, "ISDN address");
  if (c.more) c.charString(w, "subaddress");
};

export const encodeSRV: Encoder = (c, w, lower) => {
  c.u16(w, "priority");
  c.u16(w, "weight");
  c.u16(w, "port");
  c.name(w, "target", lower);
};

export const encodeNAPTR: Encoder = (c, w, lower) => {
  c.u16(w, "order");
  c.u16(w, "preference");
  c.charString(w, "flags");
  c.charString(w, "services");
  c.charString(w, "regexp");
  c.name(w, "replacement", lower);
};
