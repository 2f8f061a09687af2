/**
 * The one way the console follows a growing text file (DHCP lease files, router logs): read the
 * complete lines after an offset, in bounded chunks, and report the offset after the last complete
 * line. A last line without its newline is not read (the writer is mid-line): the next read starts
 * at its beginning, so no line is cut or read twice. Text is decoded only up to a newline, which
 * never falls inside a UTF-8 character, so a character split by a read boundary stays whole.
 */
import type { FileHandle } from "node:fs/promises";

export interface ReadLinesOptions {
  /** Read size in bytes. */
  chunkBytes?: number;
  /** Stop after this many reads (one file must not starve others); the next call continues. */
  maxChunks?: number;
  /**
   * A line longer than this many bytes is passed on cut to this length (and ending in "\n") and
   * `onLongLine` is told; without it lines are unbounded (the file's size bounds them).
   */
  maxLineBytes?: number;
  onLongLine?: (bytes: number) => void;
}

export interface LinesRead {
  /** The offset after the last complete line passed on. */
  consumed: number;
  /** The bytes after it that were read but not passed on (a line still being written). */
  rest: Uint8Array;
}

/**
 * Reads `fh` from `start` up to `end` (or to the end of the file when null), passing the text of
 * complete lines (each ending in "\n", several per call) to `onText`, which may be async (back
 * pressure: the next read waits for it).
 */
export async function readLines(
  fh: FileHandle,
  start: number,
  end: number | null,
  onText: (text: string) => void | Promise<void>,
  opts: ReadLinesOptions = {},
): Promise<LinesRead> {
  const chunkBytes = opts.chunkBytes ?? 256 * 1024;
  const maxChunks = opts.maxChunks ?? Number.POSITIVE_INFINITY;
  const decoder = new TextDecoder("utf-8", { fatal: false });
  const buf = Buffer.allocUnsafe(chunkBytes);
  let pos = start;
  let consumed = start;
  let carry: Buffer = Buffer.alloc(0);
  for (let reads = 0; reads < maxChunks && (end === null || pos < end); reads++) {
    const want = end === null ? chunkBytes : Math.min(chunkBytes, end - pos);
    const { bytesRead } = await fh.read(buf, 0, want, pos);
    if (bytesRead === 0) break;
    pos += bytesRead;
    let chunk = carry.length
      ? Buffer.concat([carry, buf.subarray(0, bytesRead)])
      : buf.subarray(0, bytesRead);
    const nl = chunk.lastIndexOf(0x0a);
    if (nl !== -1) {
      await onText(decoder.decode(chunk.subarray(0, nl + 1)));
      consumed += nl + 1;
      chunk = chunk.subarray(nl + 1);
    }
    if (opts.maxLineBytes !== undefined && chunk.length > opts.maxLineBytes) {
      opts.onLongLine?.(chunk.length);
      await onText(`${decoder.decode(chunk.subarray(0, opts.maxLineBytes))}\n`);
      consumed += opts.maxLineBytes;
      chunk = chunk.subarray(opts.maxLineBytes);
    }
    // Copied: `buf` is reused by the next read.
    carry = Buffer.from(chunk);
  }
  return { consumed, rest: carry };
}
