// From capture bytes to RSerPool messages: pcap/pcapng records -> IP -> UDP (announces, presence,
// CSP) or SCTP (native, or in UDP) -> DATA chunks with PPID 11 (ASAP) / 12 (ENRP), or by port when
// the PPID is 0. Streaming: push chunks, get items through a callback; nothing is kept per message.

import { decodeAsap, decodeEnrp } from "./codec";
import { decodeCsp, type CspReport } from "./csp";
import { RserpoolDecodeError } from "./errors";
import type { AsapMessage, EnrpMessage } from "./message";
import { type Datagram, decodeFrame } from "./packet";
import { type PcapIssue, type PcapOptions, PcapReader, type PcapRecord } from "./pcap";
import { type SctpIssue, SctpReassembler, type SctpUserMessage } from "./sctp";

export const PPID_ASAP = 11;
export const PPID_ENRP = 12;

export interface CapturePorts {
  asap: number;
  enrp: number;
  csp: number;
  /** UDP port that carries SCTP (RFC 6951); rsplib's userland SCTP uses 9899. */
  sctpUdp: number;
}
export const DEFAULT_PORTS: CapturePorts = { asap: 3863, enrp: 9901, csp: 2960, sctpUdp: 9899 };

interface Where {
  frame: number;
  timeMs: number;
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  transport: "udp" | "sctp";
  /** File offset of the message's first byte. */
  offset: number;
}
export type CaptureItem =
  | (Where & { kind: "asap"; message: AsapMessage; raw?: Uint8Array })
  | (Where & { kind: "enrp"; message: EnrpMessage; raw?: Uint8Array })
  | (Where & { kind: "csp"; report: CspReport })
  | (Where & { kind: "empty"; protocol: "asap" | "enrp" })
  | (Where & { kind: "error"; protocol: "asap" | "enrp" | "csp"; error: RserpoolDecodeError });

export interface CaptureStats {
  frames: number;
  bytes: number;
  asap: number;
  enrp: number;
  csp: number;
  empty: number;
  errors: number;
  retransmissions: number;
  partial: number;
}

export type CaptureOptions = PcapOptions & {
  ports?: Partial<CapturePorts>;
  /** Attach a copy of each ASAP/ENRP message's bytes (tests, CLI); off for speed. */
  keepRaw?: boolean;
};

export class CaptureDecoder {
  readonly stats: CaptureStats = {
    frames: 0,
    bytes: 0,
    asap: 0,
    enrp: 0,
    csp: 0,
    empty: 0,
    errors: 0,
    retransmissions: 0,
    partial: 0,
  };
  readonly pcap: PcapReader;
  /** Frame-level problems (bad IP/UDP/SCTP headers), bounded like the reader's issues. */
  readonly frameIssues: PcapIssue[] = [];
  private readonly sctp = new SctpReassembler();
  private readonly ports: CapturePorts;
  private readonly keepRaw: boolean;

  constructor(
    private readonly onItem: (item: CaptureItem) => void,
    opts: CaptureOptions = {},
  ) {
    this.pcap = new PcapReader(opts);
    this.keepRaw = opts.keepRaw ?? false;
    this.ports = { ...DEFAULT_PORTS, ...opts.ports };
  }

  push(chunk: Uint8Array): void {
    this.pcap.push(chunk, this.onRecord);
  }

  // Bound once: the per-frame path allocates no closures.
  private readonly onRecord = (r: PcapRecord): void => {
    const res = decodeFrame(r.linkType, r.data, this.ports.sctpUdp);
    if (!res.ok) {
      if (!res.skip && this.frameIssues.length < 1000)
        this.frameIssues.push({
          offset: r.offset + res.at,
          frame: r.frame,
          field: res.field,
          reason: res.reason,
          fatal: false,
        });
      return;
    }
    const d = res.d;
    this.rec = r;
    this.dgram = d;
    if (d.proto === "udp") {
      const proto = this.byPort(d.srcPort, d.dstPort, true);
      if (proto) this.message(proto, d.payload, "udp", r.offset + d.payloadAt);
      return;
    }
    this.sctp.packet(d, this.onSctpMessage, this.onSctpIssue);
  };

  private rec: PcapRecord | undefined;
  private dgram: Datagram | undefined;

  private readonly onSctpMessage = (m: SctpUserMessage): void => {
    const d = this.dgram as Datagram;
    const proto =
      m.ppid === PPID_ASAP
        ? "asap"
        : m.ppid === PPID_ENRP
          ? "enrp"
          : this.byPort(d.srcPort, d.dstPort, false);
    if (proto && proto !== "csp")
      this.message(proto, m.data, "sctp", (this.rec as PcapRecord).offset + m.dataAt);
  };

  private readonly onSctpIssue = (i: SctpIssue): void => {
    const r = this.rec as PcapRecord;
    if (this.frameIssues.length < 1000)
      this.frameIssues.push({
        offset: r.offset + i.at,
        frame: r.frame,
        field: i.field,
        reason: i.reason,
        fatal: false,
      });
  };

  end(): CaptureStats {
    this.pcap.end();
    this.stats.frames = this.pcap.frames;
    this.stats.bytes = this.pcap.bytes;
    this.stats.retransmissions = this.sctp.retransmissions;
    this.stats.partial = this.sctp.partial;
    return this.stats;
  }

  private byPort(a: number, b: number, udp: boolean): "asap" | "enrp" | "csp" | undefined {
    const p = this.ports;
    if (a === p.asap || b === p.asap) return "asap";
    if (a === p.enrp || b === p.enrp) return "enrp";
    if (udp && (a === p.csp || b === p.csp)) return "csp";
    return undefined;
  }

  private message(
    protocol: "asap" | "enrp" | "csp",
    data: Uint8Array,
    transport: "udp" | "sctp",
    offset: number,
  ): void {
    const r = this.rec as PcapRecord;
    const d = this.dgram as Datagram;
    const w: Where = {
      frame: r.frame,
      timeMs: r.timeMs,
      src: d.src,
      dst: d.dst,
      srcPort: d.srcPort,
      dstPort: d.dstPort,
      transport,
      offset,
    };
    if (data.length === 0 && protocol !== "csp") {
      this.stats.empty++;
      this.onItem({ ...w, kind: "empty", protocol });
      return;
    }
    let item: CaptureItem;
    try {
      if (protocol === "asap") {
        const it = w as Where & { kind: "asap"; message: AsapMessage; raw?: Uint8Array };
        it.kind = "asap";
        it.message = decodeAsap(data, offset);
        if (this.keepRaw) it.raw = data.slice();
        this.stats.asap++;
        item = it;
      } else if (protocol === "enrp") {
        const it = w as Where & { kind: "enrp"; message: EnrpMessage; raw?: Uint8Array };
        it.kind = "enrp";
        it.message = decodeEnrp(data, offset);
        if (this.keepRaw) it.raw = data.slice();
        this.stats.enrp++;
        item = it;
      } else {
        const it = w as Where & { kind: "csp"; report: CspReport };
        it.kind = "csp";
        it.report = decodeCsp(data, offset);
        this.stats.csp++;
        item = it;
      }
    } catch (e) {
      if (!(e instanceof RserpoolDecodeError)) throw e;
      this.stats.errors++;
      item = { ...w, kind: "error", protocol, error: e };
    }
    this.onItem(item);
  }
}

/** Decodes a whole capture held in memory (tests, small uploads); large files should stream via push. */
export function decodeCapture(bytes: Uint8Array, opts?: CaptureOptions) {
  const items: CaptureItem[] = [];
  const dec = new CaptureDecoder((i) => items.push(i), opts);
  dec.push(bytes);
  const stats = dec.end();
  return { items, stats, issues: [...dec.pcap.issues, ...dec.frameIssues] };
}
