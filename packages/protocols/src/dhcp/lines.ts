/**
 * Incremental line splitting shared by the three parsers. Only the unfinished tail of the last
 * chunk is buffered, and a line longer than `maxLineLength` is dropped as soon as it crosses the
 * limit (reported once, at its newline), so memory stays bounded whatever the input size.
 */

export const DEFAULT_MAX_LINE_LENGTH = 64 * 1024;

export type LineHandler = (text: string, lineNo: number, terminated: boolean) => void;
export type TooLongHandler = (lineNo: number, head: string) => void;
/**
 * A line as `src[from, to)` (line break and trailing CR excluded). `src` is usually the whole chunk,
 * so a parser can read fields in place from a flat string and cut only the substrings it keeps
 * (character access through a per-line substring is markedly slower in V8).
 */
export type LineRangeHandler = (
  src: string,
  from: number,
  to: number,
  lineNo: number,
  terminated: boolean,
) => void;

/** The splitter proper, reporting lines as ranges of the chunk (see LineRangeHandler). */
export class LineRangeSplitter {
  private partial = "";
  private skipping = false;
  private skipHead = "";
  private lineNo = 1;
  private atStart = true;

  constructor(
    private readonly onRange: LineRangeHandler,
    private readonly onTooLong: TooLongHandler,
    private readonly maxLineLength = DEFAULT_MAX_LINE_LENGTH,
  ) {}

  /** Number of the line that the next character will belong to. */
  get currentLine(): number {
    return this.lineNo;
  }

  push(chunk: string): void {
    const n = chunk.length;
    let start = 0;
    if (this.atStart && n > 0) {
      this.atStart = false;
      if (chunk.charCodeAt(0) === 0xfeff) start = 1; // UTF-8 BOM decoded by the caller
    }
    const max = this.maxLineLength;
    while (start <= n) {
      const nl = chunk.indexOf("\n", start);
      if (nl === -1) {
        if (start < n && !this.skipping) {
          const rest = start === 0 ? chunk : chunk.slice(start);
          this.partial = this.partial.length === 0 ? rest : this.partial + rest;
          if (this.partial.length > max + 1) {
            this.skipping = true;
            this.skipHead = this.partial.slice(0, 200);
            this.partial = "";
          }
        }
        return;
      }
      const lineNo = this.lineNo++;
      if (this.skipping) {
        this.skipping = false;
        this.onTooLong(lineNo, this.skipHead);
        this.skipHead = "";
        start = nl + 1;
        continue;
      }
      let src = chunk;
      let from = start;
      let to = nl;
      if (this.partial.length !== 0) {
        src = this.partial + chunk.slice(start, nl);
        this.partial = "";
        from = 0;
        to = src.length;
      }
      start = nl + 1;
      if (to !== from && src.charCodeAt(to - 1) === 13) to--;
      if (to - from > max) this.onTooLong(lineNo, src.slice(from, Math.min(to, from + 200)));
      else this.onRange(src, from, to, lineNo, true);
    }
  }

  /** Flushes a final line that had no newline. */
  end(): void {
    if (this.skipping) {
      this.skipping = false;
      this.onTooLong(this.lineNo++, this.skipHead);
      this.skipHead = "";
    } else if (this.partial.length !== 0) {
      const src = this.partial;
      this.partial = "";
      let to = src.length;
      if (src.charCodeAt(to - 1) === 13) to--;
      if (to > this.maxLineLength) this.onTooLong(this.lineNo++, src.slice(0, Math.min(to, 200)));
      else this.onRange(src, 0, to, this.lineNo++, false);
    }
  }
}

/** LineRangeSplitter handing each line over as its own string. */
export class LineSplitter extends LineRangeSplitter {
  constructor(onLine: LineHandler, onTooLong: TooLongHandler, maxLineLength = DEFAULT_MAX_LINE_LENGTH) {
    super(
      (src, from, to, lineNo, terminated) =>
        onLine(from === 0 && to === src.length ? src : src.slice(from, to), lineNo, terminated),
      onTooLong,
      maxLineLength,
    );
  }
}
