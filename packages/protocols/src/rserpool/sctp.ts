// SCTP chunks of a captured packet: DATA chunks are split out (bundling), retransmissions dropped by
// TSN per association direction, and fragmented user messages (B/E flags, RFC 9260 §3.3.1)
// reassembled. Every table is bounded; what is dropped to stay bounded is reported.

import { u16, u32 } from "./bytes";
import type { Datagram } from "./packet";

export interface SctpUserMessage {
  tsn: number;
  stream: number;
  ssn: number;
  ppid: number;
  unordered: boolean;
  data: Uint8Array;
  /** Offset of data[0] in the frame (of the first fragment when reassembled). */
  dataAt: number;
  fragments: number;
}
export interface SctpIssue {
  at: number;
  field: string;
  reason: string;
}
export interface SctpOptions {
  maxMessage?: number;
  maxPending?: number;
  maxFlows?: number;
  tsnWindow?: number;
}

interface Flow {
  seen: Set<number>;
  order: number[];
  head: number;
}
interface Pending {
  parts: Map<number, { data: Uint8Array; at: number }>;
  first?: number;
  last?: number;
  bytes: number;
  ppid: number;
}

export class SctpReassembler {
  retransmissions = 0;
  private flows = new Map<string, Flow>();
  private pending = new Map<string, Pending>();
  private readonly maxMessage: number;
  private readonly maxPending: number;
  private readonly maxFlows: number;
  private readonly window: number;

  constructor(o: SctpOptions = {}) {
    this.maxMessage = o.maxMessage ?? 65535;
    this.maxPending = o.maxPending ?? 256;
    this.maxFlows = o.maxFlows ?? 4096;
    this.window = o.tsnWindow ?? 1024;
  }

  /** True the first time a TSN is seen in this association direction. */
  private fresh(key: string, tsn: number): boolean {
    let f = this.flows.get(key);
    if (!f) {
      if (this.flows.size >= this.maxFlows) this.flows.delete(this.flows.keys().next().value as string);
      f = { seen: new Set(), order: new Array(this.window).fill(-1), head: 0 };
      this.flows.set(key, f);
    }
    if (f.seen.has(tsn)) return false;
    const old = f.order[f.head] as number;
    if (old >= 0) f.seen.delete(old);
    f.order[f.head] = tsn;
    f.head = (f.head + 1) % this.window;
    f.seen.add(tsn);
    return true;
  }

  packet(d: Datagram, onMessage: (m: SctpUserMessage) => void, onIssue: (i: SctpIssue) => void): void {
    const b = d.payload;
    const flowKey = `${d.src}|${d.srcPort}|${d.dst}|${d.dstPort}|${d.vtag}`;
    let o = 0;
    for (let n = 0; o + 4 <= b.length && n < 4096; n++) {
      const type = b[o] as number;
      const flags = b[o + 1] as number;
      const len = u16(b, o + 2);
      if (len < 4) {
        onIssue({ at: d.payloadAt + o + 2, field: "SCTP chunk length", reason: `${len} is below 4` });
        return;
      }
      if (o + len > b.length) {
        onIssue({
          at: d.payloadAt + o + 2,
          field: "SCTP chunk length",
          reason: `${len} overruns the packet by ${o + len - b.length}`,
        });
        return;
      }
      if (type === 0) {
        if (len < 16)
          onIssue({ at: d.payloadAt + o + 2, field: "SCTP DATA chunk length", reason: `${len} is below 16` });
        else this.data(d, flowKey, o, len, flags, onMessage, onIssue);
      }
      o += (len + 3) & ~3;
    }
  }

  private data(
    d: Datagram,
    flowKey: string,
    o: number,
    len: number,
    flags: number,
    onMessage: (m: SctpUserMessage) => void,
    onIssue: (i: SctpIssue) => void,
  ): void {
    const b = d.payload;
    const tsn = u32(b, o + 4);
    if (!this.fresh(flowKey, tsn)) {
      this.retransmissions++;
      return;
    }
    const stream = u16(b, o + 8);
    const ssn = u16(b, o + 10);
    const ppid = u32(b, o + 12);
    const unordered = (flags & 0x04) !== 0;
    const data = b.subarray(o + 16, o + len);
    const at = d.payloadAt + o + 16;
    if ((flags & 0x03) === 0x03) {
      onMessage({ tsn, stream, ssn, ppid, unordered, data, dataAt: at, fragments: 1 });
      return;
    }
    const key = `${flowKey}|${stream}|${unordered ? "u" : ssn}`;
    let p = this.pending.get(key);
    if (!p) {
      if (this.pending.size >= this.maxPending) {
        const oldest = this.pending.keys().next().value as string;
        this.pending.delete(oldest);
        onIssue({
          at,
          field: "SCTP reassembly",
          reason: `more than ${this.maxPending} partial messages; oldest dropped`,
        });
      }
      p = { parts: new Map(), bytes: 0, ppid };
      this.pending.set(key, p);
    }
    p.bytes += data.length;
    if (p.bytes > this.maxMessage) {
      this.pending.delete(key);
      onIssue({
        at,
        field: "SCTP reassembly",
        reason: `fragmented message exceeds ${this.maxMessage} bytes; dropped`,
      });
      return;
    }
    p.parts.set(tsn, { data: data.slice(), at });
    if (flags & 0x02) p.first = tsn;
    if (flags & 0x01) p.last = tsn;
    if (p.first === undefined || p.last === undefined) return;
    const count = ((p.last - p.first) >>> 0) + 1;
    if (count > p.parts.size) return;
    const out = new Uint8Array(p.bytes);
    let w = 0;
    for (let i = 0; i < count; i++) {
      const part = p.parts.get((p.first + i) >>> 0);
      if (!part) return;
      out.set(part.data, w);
      w += part.data.length;
    }
    this.pending.delete(key);
    const firstAt = p.parts.get(p.first)?.at ?? at;
    onMessage({
      tsn: p.first,
      stream,
      ssn,
      ppid: p.ppid,
      unordered,
      data: out.subarray(0, w),
      dataAt: firstAt,
      fragments: count,
    });
  }

  /** Partial messages still waiting at the end of a capture. */
  get partial(): number {
    return this.pending.size;
  }
}
