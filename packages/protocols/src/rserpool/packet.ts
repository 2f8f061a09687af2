// Link, IP and transport layers of a captured frame, down to a UDP payload or an SCTP packet
// (also SCTP carried in UDP, RFC 6951, as rsplib's userland SCTP does on port 9899).

import { ipv4Text, ipv6Text, u16, u32 } from "./bytes";

// Captures repeat a few addresses millions of times; their text is cached (bounded).
const v4Cache = new Map<number, string>();
function v4(b: Uint8Array, o: number): string {
  const key = u32(b, o);
  let s = v4Cache.get(key);
  if (s === undefined) {
    s = ipv4Text(b, o);
    if (v4Cache.size >= 4096) v4Cache.clear();
    v4Cache.set(key, s);
  }
  return s;
}

export interface Datagram {
  proto: "udp" | "sctp";
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  /** UDP payload, or the SCTP packet after its 12-byte common header (the chunks). */
  payload: Uint8Array;
  /** Offset of payload[0] within the frame data. */
  payloadAt: number;
  /** SCTP verification tag (distinguishes associations). */
  vtag?: number;
  /** True when the SCTP packet came inside UDP. */
  encapsulated?: boolean;
}
export type FrameResult =
  | { ok: true; d: Datagram }
  | { ok: false; skip: true }
  | { ok: false; skip: false; at: number; field: string; reason: string };

const SKIP = { ok: false, skip: true } as const;
const bad = (at: number, field: string, reason: string): FrameResult => ({
  ok: false,
  skip: false,
  at,
  field,
  reason,
});

/** Where the IP header starts and which version, by link type; undefined when not IP. */
function linkPayload(linkType: number, b: Uint8Array): number | FrameResult {
  let o: number;
  let etype: number;
  switch (linkType) {
    case 1: // Ethernet (802.1Q / QinQ tags skipped)
      if (b.length < 14) return bad(0, "ethernet header", `${b.length} bytes`);
      o = 12;
      etype = u16(b, o);
      for (let tags = 0; (etype === 0x8100 || etype === 0x88a8) && tags < 4; tags++) {
        o += 4;
        if (b.length < o + 2) return bad(o, "VLAN tag", "truncated");
        etype = u16(b, o);
      }
      o += 2;
      break;
    case 113: // Linux cooked v1
      if (b.length < 16) return bad(0, "SLL header", `${b.length} bytes`);
      etype = u16(b, 14);
      o = 16;
      break;
    case 276: // Linux cooked v2
      if (b.length < 20) return bad(0, "SLL2 header", `${b.length} bytes`);
      etype = u16(b, 0);
      o = 20;
      break;
    case 0: // BSD loopback, host byte order family
    case 108: {
      if (b.length < 4) return bad(0, "loopback header", `${b.length} bytes`);
      const fam =
        linkType === 108 ? u32(b, 0) : b[0] === 0 ? u32(b, 0) : (b[0] as number) | ((b[1] as number) << 8);
      etype = fam === 2 ? 0x0800 : fam === 24 || fam === 28 || fam === 30 ? 0x86dd : 0;
      o = 4;
      break;
    }
    case 101:
    case 12:
    case 14:
      if (b.length < 1) return bad(0, "IP header", "empty");
      etype = (b[0] as number) >> 4 === 6 ? 0x86dd : 0x0800;
      o = 0;
      break;
    case 228:
      etype = 0x0800;
      o = 0;
      break;
    case 229:
      etype = 0x86dd;
      o = 0;
      break;
    default:
      return SKIP;
  }
  if (etype === 0x0800) return o;
  if (etype === 0x86dd) return -o - 1; // negative marks IPv6
  return SKIP;
}

export function decodeFrame(linkType: number, b: Uint8Array, sctpUdpPort: number): FrameResult {
  const lp = linkPayload(linkType, b);
  if (typeof lp !== "number") return lp;
  let src: string;
  let dst: string;
  let proto: number;
  let o: number;
  let end: number;
  if (lp >= 0) {
    o = lp;
    if (b.length < o + 20) return bad(o, "IPv4 header", "truncated");
    if ((b[o] as number) >> 4 !== 4) return bad(o, "IPv4 version", `${(b[o] as number) >> 4}`);
    const ihl = ((b[o] as number) & 0x0f) * 4;
    const total = u16(b, o + 2);
    if (ihl < 20 || total < ihl) return bad(o, "IPv4 header length", `IHL ${ihl}, total ${total}`);
    end = Math.min(b.length, o + total);
    if ((u16(b, o + 6) & 0x3fff) !== 0) return SKIP; // fragments: not reassembled at IP level
    proto = b[o + 9] as number;
    src = v4(b, o + 12);
    dst = v4(b, o + 16);
    o += ihl;
  } else {
    o = -lp - 1;
    if (b.length < o + 40) return bad(o, "IPv6 header", "truncated");
    end = Math.min(b.length, o + 40 + u16(b, o + 4));
    proto = b[o + 6] as number;
    src = ipv6Text(b, o + 8);
    dst = ipv6Text(b, o + 24);
    o += 40;
    // Extension headers: hop-by-hop, routing, destination options; fragments are skipped.
    for (let n = 0; (proto === 0 || proto === 43 || proto === 60) && n < 8; n++) {
      if (end < o + 8) return bad(o, "IPv6 extension header", "truncated");
      proto = b[o] as number;
      o += 8 + (b[o + 1] as number) * 8;
    }
    if (proto === 44) return SKIP;
  }
  if (proto === 17) {
    if (end < o + 8) return bad(o, "UDP header", "truncated");
    const srcPort = u16(b, o);
    const dstPort = u16(b, o + 2);
    const ulen = u16(b, o + 4);
    if (ulen < 8 || o + ulen > end) return bad(o + 4, "UDP length", `${ulen} does not fit ${end - o} bytes`);
    if (srcPort === sctpUdpPort || dstPort === sctpUdpPort) return sctp(b, o + 8, o + ulen, src, dst, true);
    return {
      ok: true,
      d: { proto: "udp", src, dst, srcPort, dstPort, payload: b.subarray(o + 8, o + ulen), payloadAt: o + 8 },
    };
  }
  if (proto === 132) return sctp(b, o, end, src, dst, false);
  return SKIP;
}

function sctp(
  b: Uint8Array,
  o: number,
  end: number,
  src: string,
  dst: string,
  encapsulated: boolean,
): FrameResult {
  if (end < o + 12) return bad(o, "SCTP common header", "truncated");
  return {
    ok: true,
    d: {
      proto: "sctp",
      src,
      dst,
      srcPort: u16(b, o),
      dstPort: u16(b, o + 2),
      vtag: u32(b, o + 4),
      payload: b.subarray(o + 12, end),
      payloadAt: o + 12,
      encapsulated,
    },
  };
}
