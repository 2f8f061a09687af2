// Pure BMP stream framer: push TCP payload chunks, get decoded messages or errors back.
//
// Garbage policy: CLOSE, not resynchronise. BMP has no sync marker (the BGP marker inside messages is
// not at a fixed place and also appears inside Peer Up OPENs), so after a bad version or a length below
// the common header any "resync" would be a guess that can turn random bytes into plausible-looking
// messages. RFC 7854 runs over TCP, which does not lose or reorder bytes, so garbage means a broken or
// non-BMP sender; the right reaction is to drop the connection and let the router reconnect and resend
// its state (Initiation, Peer Ups). After a fatal error the reader is closed and ignores further input.
import { BMP_COMMON_HEADER_LENGTH, BMP_VERSION, type BmpMessage, decodeBmpMessageAt } from "./bmp";
import { u32 } from "./bytes";
import type { DecodeError } from "./result";

/** 1 MiB: far above any real message (an RFC 8654 BGP PDU plus per-peer header is < 64 KiB). */
export const BMP_DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;

export interface BmpReaderOptions {
  /** Largest message accepted; a header announcing more closes the stream. Default 1 MiB. */
  maxMessageSize?: number;
}

export type BmpReadEvent =
  | { kind: "message"; offset: number; message: BmpMessage }
  /** The frame was well delimited but its content did not decode; the stream continues. */
  | { kind: "error"; fatal: false; offset: number; error: DecodeError }
  /** Framing is lost: the caller should close the connection. The reader is now closed. */
  | { kind: "error"; fatal: true; offset: number; error: DecodeError };

export class BmpFrameReader {
  readonly maxMessageSize: number;
  private buf: Uint8Array;
  private len = 0;
  private consumed = 0;
  private closedFlag = false;

  constructor(options: BmpReaderOptions = {}) {
    const max = options.maxMessageSize ?? BMP_DEFAULT_MAX_MESSAGE_SIZE;
    // At least a common header must fit, otherwise no message could ever be framed.
    this.maxMessageSize = Math.max(BMP_COMMON_HEADER_LENGTH, Math.floor(max));
    this.buf = new Uint8Array(Math.min(this.maxMessageSize, 64 * 1024));
  }

  /** Octets currently held (always ≤ maxMessageSize). */
  get bufferedBytes(): number {
    return this.len;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Total stream octets framed or discarded so far (offset of the next message). */
  get offset(): number {
    return this.consumed;
  }

  push(input: Uint8Array): BmpReadEvent[] {
    const events: BmpReadEvent[] = [];
    if (this.closedFlag) return events;
    // A plain view: Node's Buffer#subarray is a JS-level wrapper, several times dearer per message.
    const chunk =
      input.constructor === Uint8Array
        ? input
        : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    let p = 0;
    // 1) Complete a message begun in an earlier chunk, copying only what that message needs.
    while (this.len > 0 && p < chunk.length) {
      const need = this.needed(this.buf.subarray(0, this.len));
      if (typeof need !== "number") {
        events.push(this.fatal(need));
        return events;
      }
      const take = Math.min(need - this.len, chunk.length - p);
      this.append(chunk.subarray(p, p + take));
      p += take;
      if (this.len < BMP_COMMON_HEADER_LENGTH) continue;
      // The header may have just completed: re-read the real length before deciding.
      const full = this.needed(this.buf.subarray(0, this.len));
      if (typeof full !== "number") {
        events.push(this.fatal(full));
        return events;
      }
      if (this.len === full) {
        events.push(this.emit(this.buf, 0, this.len));
        this.len = 0;
      }
    }
    // 2) Whole messages straight from the chunk, without copying.
    while (p < chunk.length) {
      const need = this.needed(chunk, p);
      if (typeof need !== "number") {
        events.push(this.fatal(need));
        return events;
      }
      if (chunk.length - p < need) break;
      events.push(this.emit(chunk, p, need));
      p += need;
    }
    // 3) Keep the incomplete tail; it is shorter than one (size-checked) message.
    if (p < chunk.length) this.append(chunk.subarray(p));
    return events;
  }

  /** End of stream: a partially received message is reported as a (fatal) truncation. */
  end(): BmpReadEvent[] {
    if (this.closedFlag || this.len === 0) {
      this.closedFlag = true;
      return [];
    }
    const ev = this.fatal({
      code: "truncated",
      message: `stream ended inside a message (${this.len} octets held)`,
    });
    return [ev];
  }

  /** Length of the message starting at `b`, or the fatal framing error; 6 if the header is incomplete. */
  private needed(b: Uint8Array, at = 0): number | DecodeError {
    const have = b.length - at;
    if (have >= 1 && b[at] !== BMP_VERSION) {
      return { code: "bad-version", message: `BMP version ${b[at]}, expected ${BMP_VERSION}` };
    }
    if (have < BMP_COMMON_HEADER_LENGTH) return BMP_COMMON_HEADER_LENGTH;
    const length = u32(b, at + 1);
    if (length < BMP_COMMON_HEADER_LENGTH) {
      return { code: "bad-length", message: `BMP length ${length} is shorter than the common header` };
    }
    if (length > this.maxMessageSize) {
      return { code: "too-large", message: `BMP length ${length} exceeds limit ${this.maxMessageSize}` };
    }
    return length;
  }

  private append(part: Uint8Array): void {
    const need = this.len + part.length;
    if (need > this.buf.length) {
      const grown = new Uint8Array(Math.min(this.maxMessageSize, Math.max(need, this.buf.length * 2)));
      grown.set(this.buf.subarray(0, this.len));
      this.buf = grown;
    }
    this.buf.set(part, this.len);
    this.len = need;
  }

  /** Decodes the `length`-octet message at `start` in `buf` (no view of it: one fewer object per message). */
  private emit(buf: Uint8Array, start: number, length: number): BmpReadEvent {
    const offset = this.consumed;
    this.consumed += length;
    const d = decodeBmpMessageAt(buf, start);
    return d.ok
      ? { kind: "message", offset, message: d.value }
      : { kind: "error", fatal: false, offset, error: d.error };
  }

  private fatal(error: DecodeError): BmpReadEvent {
    const offset = this.consumed;
    this.closedFlag = true;
    this.len = 0;
    this.buf = new Uint8Array(0);
    return { kind: "error", fatal: true, offset, error };
  }
}
