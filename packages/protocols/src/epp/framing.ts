/**
 * RFC 5734 §4 framing: each EPP document is preceded by a 4-octet big-endian length that counts
 * the header itself. The reader is incremental (feed it TCP chunks as they come) and refuses an
 * oversized length as soon as the header arrives, so a hostile peer cannot make it buffer.
 */

export const DEFAULT_MAX_FRAME_BYTES = 1 << 20;
const HEADER = 4;

export type FramingErrorCode = "too-large" | "bad-length" | "truncated" | "closed";

export class EppFramingError extends Error {
  override readonly name = "EppFramingError";
  constructor(
    readonly code: FramingErrorCode,
    reason: string,
  ) {
    super(reason);
  }
}

export function encodeFrame(doc: string | Uint8Array, maxFrameBytes = DEFAULT_MAX_FRAME_BYTES): Uint8Array {
  const body = typeof doc === "string" ? new TextEncoder().encode(doc) : doc;
  const total = body.length + HEADER;
  if (total > maxFrameBytes)
    throw new EppFramingError("too-large", `frame of ${total} bytes exceeds the limit of ${maxFrameBytes}`);
  const out = new Uint8Array(total);
  new DataView(out.buffer).setUint32(0, total);
  out.set(body, HEADER);
  return out;
}

export class EppFrameReader {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private want = -1; // total length of the frame in progress, once its header is read
  private failed: EppFramingError | null = null;

  constructor(private readonly maxFrameBytes = DEFAULT_MAX_FRAME_BYTES) {}

  /** Bytes held for the frame in progress. */
  get buffered(): number {
    return this.size;
  }

  /** Adds bytes; returns the complete documents (without headers) now available, in order. */
  push(chunk: Uint8Array): Uint8Array[] {
    if (this.failed) throw this.failed;
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.size += chunk.length;
    }
    const out: Uint8Array[] = [];
    for (;;) {
      if (this.want < 0) {
        if (this.size < HEADER) return out;
        const head = this.take(HEADER);
        const len = new DataView(head.buffer, head.byteOffset, HEADER).getUint32(0);
        if (len <= HEADER)
          return this.fail(
            "bad-length",
            `frame length ${len} is too small (the header alone is ${HEADER} bytes)`,
          );
        if (len > this.maxFrameBytes)
          return this.fail(
            "too-large",
            `peer announced a ${len}-byte frame; the limit is ${this.maxFrameBytes}`,
          );
        this.want = len;
      }
      const bodyLen = this.want - HEADER;
      if (this.size < bodyLen) return out;
      out.push(this.take(bodyLen));
      this.want = -1;
    }
  }

  /** Call at end of stream: a partial frame means the peer cut it short. */
  end(): void {
    if (this.failed) throw this.failed;
    if (this.want >= 0 || this.size > 0) {
      const have = this.want >= 0 ? this.size + HEADER : this.size;
      const expected = this.want >= 0 ? `${this.want}` : "a 4-byte header";
      this.fail("truncated", `connection closed inside a frame: ${have} bytes of ${expected} received`);
    }
  }

  private fail(code: FramingErrorCode, reason: string): never {
    this.chunks = [];
    this.size = 0;
    this.failed = new EppFramingError(code, reason);
    throw this.failed;
  }

  private take(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const c = this.chunks[0] as Uint8Array;
      const k = Math.min(c.length, n - filled);
      out.set(c.subarray(0, k), filled);
      filled += k;
      if (k === c.length) this.chunks.shift();
      else this.chunks[0] = c.subarray(k);
    }
    this.size -= n;
    return out;
  }
}
