// Test-only: minimal pcap / pcapng reader that pulls TCP payloads out of Ethernet, Linux SLL/SLL2,
// BSD loopback or raw IP frames. Enough for the vector files; not a general-purpose dissector.
import { readFileSync } from "node:fs";

export interface TcpSegment {
  frame: number;
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  seq: number;
  payload: Uint8Array;
}

interface Frame {
  linkType: number;
  data: Uint8Array;
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

function readPcap(b: Uint8Array): Frame[] {
  const dv = view(b);
  const magic = dv.getUint32(0, true);
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const linkType = dv.getUint32(20, le);
  const frames: Frame[] = [];
  let p = 24;
  while (p + 16 <= b.length) {
    const incl = dv.getUint32(p + 8, le);
    frames.push({ linkType, data: b.subarray(p + 16, p + 16 + incl) });
    p += 16 + incl;
  }
  return frames;
}

function readPcapng(b: Uint8Array): Frame[] {
  const dv = view(b);
  const frames: Frame[] = [];
  const linkTypes: number[] = [];
  let le = true;
  let p = 0;
  while (p + 12 <= b.length) {
    let type = dv.getUint32(p, le);
    if (type === 0x0a0d0d0a) {
      le = dv.getUint32(p + 8, true) === 0x1a2b3c4d;
      type = 0x0a0d0d0a;
      linkTypes.length = 0;
    }
    const len = dv.getUint32(p + 4, le);
    if (len < 12) break;
    if (type === 1) linkTypes.push(dv.getUint16(p + 8, le));
    else if (type === 6) {
      const iface = dv.getUint32(p + 8, le);
      const cap = dv.getUint32(p + 20, le);
      frames.push({ linkType: linkTypes[iface] ?? 1, data: b.subarray(p + 28, p + 28 + cap) });
    } else if (type === 3) {
      const cap = len - 16;
      frames.push({ linkType: linkTypes[0] ?? 1, data: b.subarray(p + 12, p + 12 + cap) });
    }
    p += len;
  }
  return frames;
}

function ipOffset(f: Frame): number | undefined {
  const d = f.data;
  switch (f.linkType) {
    case 1: {
      let o = 12;
      let et = ((d[o] ?? 0) << 8) | (d[o + 1] ?? 0);
      while (et === 0x8100) {
        o += 4;
        et = ((d[o] ?? 0) << 8) | (d[o + 1] ?? 0);
      }
      return et === 0x0800 || et === 0x86dd ? o + 2 : undefined;
    }
    case 0:
    case 108:
      return 4;
    case 101:
    case 12:
      return 0;
    case 113:
      return 16;
    case 276:
      return 20;
    default:
      return undefined;
  }
}

function ip4(d: Uint8Array, o: number): string {
  return `${d[o]}.${d[o + 1]}.${d[o + 2]}.${d[o + 3]}`;
}

function ip6(d: Uint8Array, o: number): string {
  const w: string[] = [];
  for (let i = 0; i < 8; i++) w.push((((d[o + 2 * i] ?? 0) << 8) | (d[o + 2 * i + 1] ?? 0)).toString(16));
  return w.join(":");
}

export function readTcpSegments(path: string): TcpSegment[] {
  const b = new Uint8Array(readFileSync(path));
  const magic = view(b).getUint32(0, true);
  const frames = magic === 0x0a0d0d0a ? readPcapng(b) : readPcap(b);
  const out: TcpSegment[] = [];
  frames.forEach((f, i) => {
    const o = ipOffset(f);
    if (o === undefined) return;
    const d = f.data;
    const ver = (d[o] ?? 0) >> 4;
    let t: number;
    let src: string;
    let dst: string;
    let end: number;
    if (ver === 4) {
      if (d[o + 9] !== 6) return;
      const ihl = ((d[o] ?? 0) & 0x0f) * 4;
      const total = ((d[o + 2] ?? 0) << 8) | (d[o + 3] ?? 0);
      t = o + ihl;
      end = Math.min(d.length, o + total);
      src = ip4(d, o + 12);
      dst = ip4(d, o + 16);
    } else if (ver === 6) {
      if (d[o + 6] !== 6) return;
      const plen = ((d[o + 4] ?? 0) << 8) | (d[o + 5] ?? 0);
      t = o + 40;
      end = Math.min(d.length, t + plen);
      src = ip6(d, o + 8);
      dst = ip6(d, o + 24);
    } else return;
    const dv = view(d);
    const doff = ((d[t + 12] ?? 0) >> 4) * 4;
    out.push({
      frame: i + 1,
      src,
      dst,
      srcPort: dv.getUint16(t),
      dstPort: dv.getUint16(t + 2),
      seq: dv.getUint32(t + 4),
      payload: d.subarray(t + doff, end),
    });
  });
  return out;
}

/** Concatenates payloads per direction in sequence order, dropping retransmitted bytes. */
export function tcpStreams(segments: TcpSegment[]): Map<string, Uint8Array> {
  const byFlow = new Map<string, TcpSegment[]>();
  for (const s of segments) {
    if (s.payload.length === 0) continue;
    const k = `${s.src}:${s.srcPort}>${s.dst}:${s.dstPort}`;
    const list = byFlow.get(k) ?? [];
    list.push(s);
    byFlow.set(k, list);
  }
  const out = new Map<string, Uint8Array>();
  for (const [k, list] of byFlow) {
    const base = list[0]?.seq ?? 0;
    const parts: Uint8Array[] = [];
    let next = 0;
    const rel = (s: TcpSegment) => (s.seq - base) >>> 0;
    for (const s of [...list].sort((a, b) => rel(a) - rel(b))) {
      const r = rel(s);
      if (r + s.payload.length <= next) continue;
      parts.push(s.payload.subarray(Math.max(0, next - r)));
      next = r + s.payload.length;
    }
    const n = parts.reduce((a, p) => a + p.length, 0);
    const all = new Uint8Array(n);
    let o = 0;
    for (const p of parts) {
      all.set(p, o);
      o += p.length;
    }
    out.set(k, all);
  }
  return out;
}

/** Splits a buffer of back-to-back BGP messages (header length field); stops at anything non-BGP. */
export function splitBgpMessages(b: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let p = 0;
  while (p + 19 <= b.length) {
    let marker = true;
    for (let i = 0; i < 16; i++) if (b[p + i] !== 0xff) marker = false;
    const len = ((b[p + 16] ?? 0) << 8) | (b[p + 17] ?? 0);
    if (!marker || len < 19 || p + len > b.length) break;
    out.push(b.subarray(p, p + len));
    p += len;
  }
  return out;
}
