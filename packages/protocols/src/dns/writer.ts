/** Growable byte buffer reused across records so encoding does not allocate per field. */
export class ByteWriter {
  buf: Uint8Array;
  len = 0;

  constructor(initial = 1024) {
    this.buf = new Uint8Array(initial);
  }

  reset(): void {
    this.len = 0;
  }

  ensure(extra: number): void {
    const need = this.len + extra;
    if (need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.len++] = v;
  }

  u16(v: number): void {
    this.ensure(2);
    this.buf[this.len++] = (v >>> 8) & 0xff;
    this.buf[this.len++] = v & 0xff;
  }

  u32(v: number): void {
    this.ensure(4);
    this.buf[this.len++] = (v >>> 24) & 0xff;
    this.buf[this.len++] = (v >>> 16) & 0xff;
    this.buf[this.len++] = (v >>> 8) & 0xff;
    this.buf[this.len++] = v & 0xff;
  }

  bytes(b: ArrayLike<number>): void {
    this.ensure(b.length);
    if (b instanceof Uint8Array) {
      this.buf.set(b, this.len);
    } else {
      for (let i = 0; i < b.length; i++) this.buf[this.len + i] = b[i]!;
    }
    this.len += b.length;
  }

  /** Overwrites a big-endian u16 at `at` (length fields known only after their content). */
  patchU16(at: number, v: number): void {
    this.buf[at] = (v >>> 8) & 0xff;
    this.buf[at + 1] = v & 0xff;
  }

  /** Copy of everything written since `from`. */
  copy(from = 0): Uint8Array {
    return this.buf.slice(from, this.len);
  }
}

/**
 * Hands out small byte arrays as views into large slabs. A million records would otherwise
 * mean two million separately allocated ArrayBuffers, which costs more time and memory than
 * the data itself.
 */
export class Arena {
  private slab: Uint8Array;
  private used = 0;

  constructor(private readonly slabSize = 262_144) {
    this.slab = new Uint8Array(slabSize);
  }

  /** Copy of `src[from, to)` in arena memory. */
  copy(src: Uint8Array, from: number, to: number): Uint8Array {
    const n = to - from;
    if (n > this.slabSize >> 3) return src.slice(from, to);
    if (this.used + n > this.slab.length) {
      this.slab = new Uint8Array(this.slabSize);
      this.used = 0;
    }
    const slab = this.slab;
    const base = this.used;
    // A plain loop beats set(subarray()) for the short names and RDATA that dominate zones.
    for (let i = 0; i < n; i++) slab[base + i] = src[from + i]!;
    this.used += n;
    // The constructor skips subarray()'s species lookup, which showed in profiles.
    return new Uint8Array(slab.buffer, base, n);
  }
}
