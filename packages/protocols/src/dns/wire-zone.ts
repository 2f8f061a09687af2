import { EncodeError } from "./errors";
import type { ZoneRecord } from "./parser";

/** Receives parsed records without a ZoneRecord object per record (see ZoneParserOptions.sink). */
export interface RecordSink {
  /** `rdata[0, rdataLength)` is only valid during the call. */
  add(
    owner: Uint8Array,
    type: number,
    cls: number,
    ttl: number,
    rdata: Uint8Array,
    rdataLength: number,
    line: number,
  ): void;
}

/** A WireZone as transferable buffers (see toParts). */
export interface WireZoneParts {
  slabs: ArrayBuffer[];
  refs: Uint32Array;
  ownerLens: Uint8Array;
  lines: Int32Array;
}

const SLAB_BITS = 24;
const SLAB = 1 << SLAB_BITS;
const LOWER = Uint8Array.from({ length: 256 }, (_, c) => (c >= 65 && c <= 90 ? c + 32 : c));
/** At most 256 slabs of at most 16 MiB: (slab, offset) fits one 32-bit reference. */
const MAX_SLABS = 256;

/**
 * A zone held compactly for canonical ordering and digesting (RFC 8976): every record in
 * canonical wire form (RFC 4034 §6.2: owner | type | class | TTL | RDLENGTH | RDATA) packed
 * into 16 MiB slabs, plus 9 octets of index per record (reference, owner length, line). No
 * object per record: a ZoneRecord with its two views costs ~300 octets beyond its data, which
 * for a million records was most of the verifier's memory. Up to 4 GiB of wire data.
 */
export class WireZone implements RecordSink {
  readonly slabs: Uint8Array[] = [];
  private slab: Uint8Array = new Uint8Array(0);
  private used = 0;
  private refs = new Uint32Array(4096);
  private ownerLens = new Uint8Array(4096);
  private lines = new Int32Array(4096);
  /** Records added. */
  count = 0;

  /** A zone of the given records (the ZoneRecord API goes through the same ordering and hashing). */
  static fromRecords(records: readonly ZoneRecord[]): WireZone {
    const z = new WireZone();
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      z.add(r.owner, r.type, r.class, r.ttl, r.rdata, r.rdata.length, r.line);
    }
    return z;
  }

  add(
    owner: Uint8Array,
    type: number,
    cls: number,
    ttl: number,
    rdata: Uint8Array,
    rdataLength: number,
    line: number,
  ): void {
    const n = this.count;
    if (n === this.refs.length) this.grow();
    const size = owner.length + 10 + rdataLength;
    if (this.used + size > this.slab.length) {
      if (this.slabs.length === MAX_SLABS)
        throw new EncodeError("zone larger than 4 GiB in wire form", "limit");
      // Slabs double from 64 KiB (small zones stay small) to 16 MiB; any slab holds the
      // largest record (255 + 10 + 65535 octets).
      this.slab = new Uint8Array(Math.min(SLAB, Math.max(1 << 17, this.slab.length * 2)));
      this.slabs.push(this.slab);
      this.used = 0;
    }
    const b = this.slab;
    let p = this.used;
    this.refs[n] = ((this.slabs.length - 1) << SLAB_BITS) | p;
    this.ownerLens[n] = owner.length;
    this.lines[n] = line;
    // Plain loops: names and most RDATA are a few dozen octets, below set()'s break-even. The
    // owner is lower-cased (RFC 4034 §6.2; length octets are ≤ 63, below "A"): records that do
    // not come from the parser (a transfer) may spell it in upper case.
    for (let i = 0; i < owner.length; i++) b[p++] = LOWER[owner[i]!]!;
    b[p++] = type >>> 8;
    b[p++] = type & 0xff;
    b[p++] = cls >>> 8;
    b[p++] = cls & 0xff;
    b[p++] = ttl >>> 24;
    b[p++] = (ttl >>> 16) & 0xff;
    b[p++] = (ttl >>> 8) & 0xff;
    b[p++] = ttl & 0xff;
    b[p++] = rdataLength >>> 8;
    b[p++] = rdataLength & 0xff;
    if (rdataLength > 64) b.set(rdata.subarray(0, rdataLength), p);
    else for (let i = 0; i < rdataLength; i++) b[p + i] = rdata[i]!;
    this.used = p + rdataLength;
    this.count = n + 1;
  }

  private grow(): void {
    const size = this.refs.length * 2;
    const refs = new Uint32Array(size);
    refs.set(this.refs);
    this.refs = refs;
    const lens = new Uint8Array(size);
    lens.set(this.ownerLens);
    this.ownerLens = lens;
    const lines = new Int32Array(size);
    lines.set(this.lines);
    this.lines = lines;
  }

  /**
   * The zone's buffers, to move it to another thread (postMessage with `transfer`); this
   * zone must not be used afterwards.
   */
  toParts(): WireZoneParts {
    const n = this.count;
    return {
      slabs: this.slabs.map((s) => s.buffer as ArrayBuffer),
      refs: this.refs.slice(0, n),
      ownerLens: this.ownerLens.slice(0, n),
      lines: this.lines.slice(0, n),
    };
  }

  /** Appends the records of another zone's parts (e.g. the rest of a file parsed elsewhere). */
  append(parts: WireZoneParts): void {
    const base = this.slabs.length;
    if (base + parts.slabs.length > MAX_SLABS)
      throw new EncodeError("zone larger than 4 GiB in wire form", "limit");
    for (const b of parts.slabs) this.slabs.push(new Uint8Array(b));
    // Later records start a slab of their own; the appended ones are not written to.
    this.slab = new Uint8Array(0);
    this.used = 0;
    const m = parts.refs.length;
    while (this.refs.length < this.count + m) this.grow();
    for (let k = 0; k < m; k++) {
      const ref = parts.refs[k]!;
      this.refs[this.count + k] = (((ref >>> SLAB_BITS) + base) << SLAB_BITS) | (ref & (SLAB - 1));
    }
    this.ownerLens.set(parts.ownerLens, this.count);
    this.lines.set(parts.lines, this.count);
    this.count += m;
  }

  /** Slab holding record `i`. */
  slabOf(i: number): Uint8Array {
    return this.slabs[this.refs[i]! >>> SLAB_BITS]!;
  }

  /** Offset of record `i` (its owner) in slabOf(i). */
  offsetOf(i: number): number {
    return this.refs[i]! & (SLAB - 1);
  }

  ownerLength(i: number): number {
    return this.ownerLens[i]!;
  }

  /** Octets of record `i` in wire form. */
  sizeOf(i: number): number {
    const b = this.slabOf(i);
    const r = this.offsetOf(i) + this.ownerLens[i]!;
    return this.ownerLens[i]! + 10 + ((b[r + 8]! << 8) | b[r + 9]!);
  }

  typeOf(i: number): number {
    const b = this.slabOf(i);
    const r = this.offsetOf(i) + this.ownerLens[i]!;
    return (b[r]! << 8) | b[r + 1]!;
  }

  classOf(i: number): number {
    const b = this.slabOf(i);
    const r = this.offsetOf(i) + this.ownerLens[i]!;
    return (b[r + 2]! << 8) | b[r + 3]!;
  }

  lineOf(i: number): number {
    return this.lines[i]!;
  }

  /** Record `i` as a ZoneRecord (copies; for the few records looked at one by one). */
  record(i: number, file = ""): ZoneRecord {
    const b = this.slabOf(i);
    const o = this.offsetOf(i);
    const ol = this.ownerLens[i]!;
    const r = o + ol;
    const rdlen = (b[r + 8]! << 8) | b[r + 9]!;
    return {
      owner: b.slice(o, r),
      type: (b[r]! << 8) | b[r + 1]!,
      class: (b[r + 2]! << 8) | b[r + 3]!,
      ttl: ((b[r + 4]! << 24) | (b[r + 5]! << 16) | (b[r + 6]! << 8) | b[r + 7]!) >>> 0,
      rdata: b.slice(r + 10, r + 10 + rdlen),
      file,
      line: this.lines[i]!,
    };
  }

  /** Octets held: slabs plus the per-record index (for the figures in benchmarks). */
  get byteSize(): number {
    let n = this.refs.length * 9;
    for (const s of this.slabs) n += s.length;
    return n;
  }
}
