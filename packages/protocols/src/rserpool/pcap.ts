// Streaming, bounded reader of pcap and pcapng files. Bytes are pushed in chunks of any size; each
// complete record is handed to a callback as a view that is valid only during the call (no copy on
// the fast path). Memory is bounded by the largest record allowed: a record or block above the limit
// is skipped (counted down as bytes arrive) with an issue, so a hostile length never allocates.

import { u16, u16le, u32, u32le } from "./bytes";

export interface PcapRecord {
  /** 1-based frame number, as tshark counts. */
  frame: number;
  /** File offset of the packet data. */
  offset: number;
  linkType: number;
  /** Milliseconds since the epoch (fractional). */
  timeMs: number;
  origLen: number;
  data: Uint8Array;
}
export interface PcapIssue {
  offset: number;
  frame?: number;
  field: string;
  reason: string;
  /** True when reading could not go on past this point. */
  fatal: boolean;
}
export interface PcapOptions {
  /** Largest record/block kept (bytes); larger ones are skipped. Default 256 KiB. */
  maxRecord?: number;
  /** Stop collecting issues after this many (the count goes on). Default 1000. */
  maxIssues?: number;
}

type Format = "unknown" | "pcap" | "pcapng";
interface Iface {
  linkType: number;
  /** Timestamp units per millisecond. */
  perMs: number;
}

export class PcapReader {
  format: Format = "unknown";
  frames = 0;
  bytes = 0;
  issues: PcapIssue[] = [];
  issueCount = 0;
  private readonly maxRecord: number;
  private readonly maxIssues: number;
  private pending: Uint8Array = new Uint8Array(0);
  /** File offset of pending[0]. */
  private pendingAt = 0;
  private skip = 0;
  private dead = false;
  // pcap state
  private le = false;
  private perMsPcap = 1000;
  private linkType = 0;
  // pcapng state
  private ifaces: Iface[] = [];

  constructor(opts: PcapOptions = {}) {
    this.maxRecord = opts.maxRecord ?? 256 * 1024;
    this.maxIssues = opts.maxIssues ?? 1000;
  }

  private issue(offset: number, field: string, reason: string, fatal = false, frame?: number): void {
    this.issueCount++;
    if (fatal) this.dead = true;
    if (this.issues.length < this.maxIssues)
      this.issues.push({ offset, field, reason, fatal, ...(frame ? { frame } : {}) });
  }

  /** Feeds bytes; calls onRecord for each complete record. */
  push(chunk: Uint8Array, onRecord: (r: PcapRecord) => void): void {
    this.bytes += chunk.length;
    if (this.dead) return;
    let buf = chunk;
    let at = this.pendingAt + this.pending.length;
    if (this.skip > 0) {
      const n = Math.min(this.skip, buf.length);
      this.skip -= n;
      buf = buf.subarray(n);
      at += n;
      if (buf.length === 0) {
        this.pendingAt = at;
        return;
      }
    }
    if (this.pending.length > 0) {
      const joined = new Uint8Array(this.pending.length + buf.length);
      joined.set(this.pending);
      joined.set(buf, this.pending.length);
      buf = joined;
      at = this.pendingAt;
    }
    const used = this.parse(buf, at, onRecord);
    const rest = buf.length - used;
    if (this.skip > 0) {
      // parse() asked to skip past the end of this buffer
      this.pending = new Uint8Array(0);
      this.pendingAt = at + buf.length;
      return;
    }
    // Keep the unparsed tail (always less than one record, so bounded by maxRecord).
    this.pending = rest > 0 ? buf.slice(used) : new Uint8Array(0);
    this.pendingAt = at + used;
  }

  /** Call at end of input: reports a file that ends inside a header or record. */
  end(): void {
    if (this.dead) return;
    if (this.format === "unknown" && this.bytes === 0) this.issue(0, "file", "empty file", true);
    else if (this.skip > 0)
      this.issue(this.pendingAt, "record", `file ends ${this.skip} bytes short of a skipped record`, true);
    else if (this.pending.length > 0)
      this.issue(
        this.pendingAt,
        "record",
        `file ends mid-record (${this.pending.length} bytes of an incomplete record)`,
        true,
      );
  }

  private parse(b: Uint8Array, at: number, onRecord: (r: PcapRecord) => void): number {
    let o = 0;
    if (this.format === "unknown") {
      if (b.length < 4) return 0;
      const m = u32(b, 0);
      if (m === 0x0a0d0d0a) this.format = "pcapng";
      else if (m === 0xa1b2c3d4 || m === 0xd4c3b2a1 || m === 0xa1b23c4d || m === 0x4d3cb2a1) {
        if (b.length < 24) return 0;
        this.format = "pcap";
        this.le = m === 0xd4c3b2a1 || m === 0x4d3cb2a1;
        this.perMsPcap = m === 0xa1b23c4d || m === 0x4d3cb2a1 ? 1e6 : 1e3; // fraction units per ms
        this.linkType = (this.le ? u32le(b, 20) : u32(b, 20)) & 0xffff;
        o = 24;
      } else {
        this.issue(at, "magic", `0x${m.toString(16).padStart(8, "0")} is neither pcap nor pcapng`, true);
        return b.length;
      }
    }
    return this.format === "pcap" ? this.parsePcap(b, o, at, onRecord) : this.parseNg(b, o, at, onRecord);
  }

  private parsePcap(b: Uint8Array, o: number, at: number, onRecord: (r: PcapRecord) => void): number {
    const r32 = this.le ? u32le : u32;
    while (b.length - o >= 16) {
      const sec = r32(b, o);
      const frac = r32(b, o + 4);
      const incl = r32(b, o + 8);
      const orig = r32(b, o + 12);
      this.frames++;
      if (incl > this.maxRecord) {
        this.issue(
          at + o + 8,
          "captured length",
          `${incl} exceeds the ${this.maxRecord}-byte limit; record skipped`,
          false,
          this.frames,
        );
        const avail = b.length - o - 16;
        if (incl > avail) {
          this.skip = incl - avail;
          return b.length;
        }
        o += 16 + incl;
        continue;
      }
      if (b.length - o - 16 < incl) {
        this.frames--;
        break;
      }
      onRecord({
        frame: this.frames,
        offset: at + o + 16,
        linkType: this.linkType,
        timeMs: sec * 1000 + frac / this.perMsPcap,
        origLen: orig,
        data: b.subarray(o + 16, o + 16 + incl),
      });
      o += 16 + incl;
    }
    return o;
  }

  private parseNg(b: Uint8Array, o: number, at: number, onRecord: (r: PcapRecord) => void): number {
    while (b.length - o >= 12) {
      const isShb = u32(b, o) === 0x0a0d0d0a;
      if (isShb) {
        const bom = u32(b, o + 8);
        if (bom === 0x1a2b3c4d) this.le = false;
        else if (bom === 0x4d3c2b1a) this.le = true;
        else {
          this.issue(at + o + 8, "byte-order magic", `0x${bom.toString(16)} is not 0x1a2b3c4d`, true);
          return b.length;
        }
        this.ifaces = [];
      }
      const r32 = this.le ? u32le : u32;
      const type = r32(b, o);
      const len = r32(b, o + 4);
      if (len < 12 || len % 4 !== 0) {
        this.issue(at + o + 4, "block length", `${len} is not a multiple of 4 of at least 12`, true);
        return b.length;
      }
      if (len > this.maxRecord + 64) {
        this.issue(at + o + 4, "block length", `${len} exceeds the limit; block skipped`);
        if (type === 6 || type === 3 || type === 2) this.frames++;
        const avail = b.length - o;
        if (len > avail) {
          this.skip = len - avail;
          return b.length;
        }
        o += len;
        continue;
      }
      if (b.length - o < len) break;
      if (r32(b, o + len - 4) !== len) {
        this.issue(at + o + len - 4, "trailing block length", `does not repeat ${len}`, true);
        return b.length;
      }
      this.block(b, o, len, type, at, onRecord);
      o += len;
    }
    return o;
  }

  private block(
    b: Uint8Array,
    o: number,
    len: number,
    type: number,
    at: number,
    onRecord: (r: PcapRecord) => void,
  ): void {
    const r32 = this.le ? u32le : u32;
    const r16 = this.le ? u16le : u16;
    const bodyEnd = o + len - 4;
    if (type === 1) {
      if (len < 20) {
        this.issue(at + o, "interface block", "shorter than 20 bytes");
        return;
      }
      this.ifaces.push({ linkType: r16(b, o + 8), perMs: this.tsresol(b, o + 16, bodyEnd, r16) });
      return;
    }
    if (type !== 6 && type !== 3 && type !== 2) return; // other blocks carry nothing we read
    this.frames++;
    let iface = 0;
    let hi = 0;
    let lo = 0;
    let cap: number;
    let orig: number;
    let data: number;
    if (type === 3) {
      orig = r32(b, o + 8);
      data = o + 12;
      cap = Math.min(orig, bodyEnd - data);
    } else {
      if (len < 32) {
        this.issue(at + o, "packet block", "shorter than 32 bytes", false, this.frames);
        return;
      }
      iface = type === 2 ? r16(b, o + 8) : r32(b, o + 8);
      hi = r32(b, o + 12);
      lo = r32(b, o + 16);
      cap = r32(b, o + 20);
      orig = r32(b, o + 24);
      data = o + 28;
      if (data + cap > bodyEnd) {
        this.issue(at + o + 20, "captured length", `${cap} overruns the block`, false, this.frames);
        return;
      }
    }
    const ifc = this.ifaces[iface];
    if (!ifc) {
      this.issue(at + o + 8, "interface id", `${iface} has no interface block`, false, this.frames);
      return;
    }
    onRecord({
      frame: this.frames,
      offset: at + data,
      linkType: ifc.linkType,
      timeMs: (hi * 4294967296 + lo) / ifc.perMs,
      origLen: orig,
      data: b.subarray(data, data + cap),
    });
  }

  /** Units per ms from the if_tsresol option (code 9), default microseconds. */
  private tsresol(b: Uint8Array, o: number, end: number, r16: (b: Uint8Array, o: number) => number): number {
    let guard = 0;
    while (o + 4 <= end && guard++ < 256) {
      const code = r16(b, o);
      const olen = r16(b, o + 2);
      if (code === 0) break;
      if (code === 9 && olen >= 1 && o + 5 <= end) {
        const v = b[o + 4] as number;
        const perSec = v & 0x80 ? 2 ** (v & 0x7f) : 10 ** v;
        return perSec / 1000;
      }
      o += 4 + ((olen + 3) & ~3);
    }
    return 1000;
  }
}
