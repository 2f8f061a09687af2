/**
 * Incremental line splitting shared by the three parsers. Only the unfinished tail of the last
 * chunk is buffered, and a line longer than `maxLineLength` is dropped as soon as it crosses the
 * limit (reported once, at its newline), so memory stays bounded whatever the input size.
 */

export const DEFAULT_MAX_LINE_LENGTH = 64 * 1024;

export type LineHandler = (text: string, lineNo: number, terminated: boolean) => void;
export type TooLongHandler = (lineNo: number, head: string) => void;

export class LineSplitter {
  private partial = "";
  private skipping = false;
  private skipHead = "";
  private lineNo = 1;
  private atStart = true;

  constructor(
    private readonly onLine: LineHandler,
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
      let line: string;
      if (this.partial.length !== 0) {
        line = this.partial + chunk.slice(start, nl);
        this.partial = "";
      } else {
        line = chunk.slice(start, nl);
      }
      start = nl + 1;
      const len = line.length;
      if (len !== 0 && line.charCodeAt(len - 1) === 13) line = line.slice(0, len - 1);
      if (line.length > max) this.onTooLong(lineNo, line.slice(0, 200));
      else this.onLine(line, lineNo, true);
    }
  }

  /** Flushes a final line that had no newline. */
  end(): void {
    if (this.skipping) {
      this.skipping = false;
      this.onTooLong(this.lineNo++, this.skipHead);
      this.skipHead = "";
    } else if (this.partial.length !== 0) {
      let line = this.partial;
      this.partial = "";
      if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
      if (line.length > this.maxLineLength) this.onTooLong(this.lineNo++, line.slice(0, 200));
      else this.onLine(line, this.lineNo++, false);
    }
  }
}
