import { EncodeError } from "../errors";
import { parseIPv4, parseIPv6 } from "./address";
import type { Encoder } from "./basic";
import { clip } from "./cursor";

/** RFC 8659 §4.1: flags, tag (letters/digits), value as raw octets without a length prefix. */
export const encodeCAA: Encoder = (c, w) => {
  c.u8(w, "flags");
  const tag = c.word("tag");
  if (!/^[A-Za-z0-9]{1,255}$/.test(tag)) {
    c.back();
    throw new EncodeError(`CAA: invalid tag '${clip(tag)}'`);
  }
  w.u8(tag.length);
  for (let i = 0; i < tag.length; i++) w.u8(tag.charCodeAt(i));
  const value = c.unescape(c.next("value"));
  w.bytes(value);
};

/** RFC 7553 §4.5: priority, weight, target (the rest of the RDATA, no length prefix). */
export const encodeURIRecord: Encoder = (c, w) => {
  c.u16(w, "priority");
  c.u16(w, "weight");
  const target = c.unescape(c.next("target"));
  w.bytes(target);
};

function encodeEUI(octets: number): Encoder {
  const re = octets === 6 ? /^[0-9a-fA-F]{2}(-[0-9a-fA-F]{2}){5}$/ : /^[0-9a-fA-F]{2}(-[0-9a-fA-F]{2}){7}$/;
  return (c, w) => {
    const t = c.word("address");
    if (!re.test(t)) {
      c.back();
      throw new EncodeError(`${c.typeName}: invalid address '${clip(t)}'`);
    }
    for (const part of t.split("-")) w.u8(Number.parseInt(part, 16));
  };
}

export const encodeEUI48 = encodeEUI(6);
export const encodeEUI64 = encodeEUI(8);

/** RFC 3123 §4: `[!]afi:address/prefix` items; the address part is sent without trailing zero octets. */
export const encodeAPL: Encoder = (c, w) => {
  while (c.more) {
    const t = c.word("APL item");
    const m = /^(!?)([0-9]+):([^/]+)\/([0-9]+)$/.exec(t);
    try {
      if (!m) throw new EncodeError(`APL: invalid item '${clip(t)}'`);
      const afi = Number(m[2]);
      const prefix = Number(m[4]);
      let addr: Uint8Array;
      if (afi === 1) {
        addr = parseIPv4(m[3]!);
        if (prefix > 32) throw new EncodeError("APL: IPv4 prefix longer than 32");
      } else if (afi === 2) {
        addr = parseIPv6(m[3]!);
        if (prefix > 128) throw new EncodeError("APL: IPv6 prefix longer than 128");
      } else {
        throw new EncodeError(`APL: unsupported address family ${afi}`);
      }
      let len = addr.length;
      while (len > 0 && addr[len - 1] === 0) len--;
      w.u16(afi);
      w.u8(prefix);
      w.u8((m[1] === "!" ? 0x80 : 0) | len);
      w.bytes(addr.subarray(0, len));
    } catch (err) {
      c.back();
      throw err;
    }
  }
};
