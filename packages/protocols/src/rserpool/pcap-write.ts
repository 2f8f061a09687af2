// Writers for captures: Ethernet / Linux cooked / raw IP frames, IPv4/IPv6, UDP, SCTP DATA chunks
// (optionally SCTP in UDP) and classic pcap or pcapng files. Used to hand tshark what our encoder
// writes, to generate the benchmark's capture and to build hostile inputs in tests. Checksums of
// UDP and SCTP are left zero (tshark does not verify them by default; receivers here ignore them).

import { parseAddress, Writer } from "./bytes";

export interface DataChunkInput {
  tsn: number;
  stream?: number;
  ssn?: number;
  ppid: number;
  /** B/E/U flags; default 0x03 (a whole, ordered message). */
  flags?: number;
  data: Uint8Array;
}

function addr(s: string, family: 4 | 6): Uint8Array {
  const a = parseAddress(s);
  if (!a || a.length !== (family === 4 ? 4 : 16)) throw new RangeError(`not an IPv${family} address: ${s}`);
  return a;
}

export function udpDatagram(srcPort: number, dstPort: number, payload: Uint8Array): Uint8Array {
  return new Writer()
    .u16(srcPort)
    .u16(dstPort)
    .u16(8 + payload.length)
    .u16(0)
    .bytes(payload)
    .done();
}

export function sctpPacket(
  srcPort: number,
  dstPort: number,
  vtag: number,
  chunks: DataChunkInput[],
): Uint8Array {
  const w = new Writer().u16(srcPort).u16(dstPort).u32(vtag).u32(0);
  for (const c of chunks) {
    w.u8(0)
      .u8(c.flags ?? 0x03)
      .u16(16 + c.data.length)
      .u32(c.tsn)
      .u16(c.stream ?? 0)
      .u16(c.ssn ?? 0)
      .u32(c.ppid);
    w.bytes(c.data).pad4();
  }
  return w.done();
}

function ipv4Checksum(h: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < h.length; i += 2) s += ((h[i] as number) << 8) | (h[i + 1] as number);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

export function ipPacket(src: string, dst: string, proto: number, payload: Uint8Array): Uint8Array {
  if (src.includes(":")) {
    return new Writer()
      .u32(0x60000000)
      .u16(payload.length)
      .u8(proto)
      .u8(64)
      .bytes(addr(src, 6))
      .bytes(addr(dst, 6))
      .bytes(payload)
      .done();
  }
  const h = new Writer()
    .u8(0x45)
    .u8(0)
    .u16(20 + payload.length)
    .u16(0)
    .u16(0x4000)
    .u8(64)
    .u8(proto)
    .u16(0)
    .bytes(addr(src, 4))
    .bytes(addr(dst, 4))
    .done();
  const ck = ipv4Checksum(h);
  h[10] = ck >> 8;
  h[11] = ck & 0xff;
  return new Writer().bytes(h).bytes(payload).done();
}

/** Wraps an IP packet in a link header: 1 Ethernet, 113 Linux cooked v1, 276 Linux cooked v2, 101 raw. */
export function linkFrame(linkType: number, ip: Uint8Array): Uint8Array {
  const etype = (ip[0] as number) >> 4 === 6 ? 0x86dd : 0x0800;
  const w = new Writer();
  if (linkType === 1) w.bytes(Uint8Array.of(2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1)).u16(etype);
  else if (linkType === 113)
    w.u16(0)
      .u16(1)
      .u16(6)
      .bytes(Uint8Array.of(2, 0, 0, 0, 0, 1, 0, 0))
      .u16(etype);
  else if (linkType === 276)
    w.u16(etype)
      .u16(0)
      .u32(1)
      .u16(1)
      .u8(0)
      .u8(6)
      .bytes(Uint8Array.of(2, 0, 0, 0, 0, 1, 0, 0));
  else if (linkType !== 101) throw new RangeError(`link type ${linkType} not written`);
  return w.bytes(ip).done();
}

export interface FrameInput {
  timeMs: number;
  data: Uint8Array;
}

/** Classic pcap, little-endian, microseconds. */
export function pcapHeader(linkType: number, snaplen = 262144): Uint8Array {
  const b = new Uint8Array(24);
  const v = new DataView(b.buffer);
  v.setUint32(0, 0xa1b2c3d4, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setUint32(16, snaplen, true);
  v.setUint32(20, linkType, true);
  return b;
}

export function pcapRecord(f: FrameInput): Uint8Array {
  const b = new Uint8Array(16 + f.data.length);
  const v = new DataView(b.buffer);
  const sec = Math.floor(f.timeMs / 1000);
  v.setUint32(0, sec, true);
  v.setUint32(4, Math.round((f.timeMs - sec * 1000) * 1000), true);
  v.setUint32(8, f.data.length, true);
  v.setUint32(12, f.data.length, true);
  b.set(f.data, 16);
  return b;
}

export function pcapFile(linkType: number, frames: FrameInput[]): Uint8Array {
  const parts = [pcapHeader(linkType), ...frames.map(pcapRecord)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** pcapng, big-endian: SHB, one IDB (microsecond timestamps), one EPB per frame. */
export function pcapngFile(linkType: number, frames: FrameInput[]): Uint8Array {
  const w = new Writer();
  w.u32(0x0a0d0d0a).u32(28).u32(0x1a2b3c4d).u16(1).u16(0).u32(0xffffffff).u32(0xffffffff).u32(28);
  w.u32(1).u32(20).u16(linkType).u16(0).u32(262144).u32(20);
  for (const f of frames) {
    const padded = (f.data.length + 3) & ~3;
    const len = 32 + padded;
    const ts = Math.round(f.timeMs * 1000);
    w.u32(6)
      .u32(len)
      .u32(0)
      .u32(Math.floor(ts / 4294967296))
      .u32(ts >>> 0)
      .u32(f.data.length)
      .u32(f.data.length);
    w.bytes(f.data).pad4().u32(len);
  }
  return w.done();
}
