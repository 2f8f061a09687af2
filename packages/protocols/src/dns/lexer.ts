import type { ZoneErrorCode, ZoneLimits } from "./errors";

/** A lexer failure with the 1-based column where it happened. */
export class LexError extends Error {
  readonly column: number;
  readonly line: number;
  readonly code: ZoneErrorCode;
  constructor(reason: string, line: number, column: number, code: ZoneErrorCode = "syntax") {
    super(reason);
    this.line = line;
    this.column = column;
    this.code = code;
  }
}

/**
 * Splits streamed text into physical lines without ever joining more than one line's worth of
 * text, so a large zone is never held as one string. Lines longer than the limit are dropped
 * and reported (the rest of such a line is skipped up to its newline). A line that lies within
 * one chunk is handed over as that chunk and a range, so no string is made per line.
 */
export class LineSplitter {
  private pending = "";
  private discarding = false;
  lineNo = 0;

  constructor(
    private readonly maxLine: number,
    /** The line is `text[from, to)`, without its newline and trailing CR. */
    private readonly onLine: (text: string, from: number, to: number, lineNo: number) => void,
    private readonly onTooLong: (lineNo: number) => void,
  ) {}

  push(chunk: string): void {
    let start = 0;
    const n = chunk.length;
    while (start < n) {
      const nl = chunk.indexOf("\n", start);
      if (nl < 0) {
        this.keepPartial(chunk, start);
        return;
      }
      this.lineNo++;
      if (this.discarding) {
        this.discarding = false;
        this.pending = "";
        start = nl + 1;
        continue;
      }
      let text = chunk;
      let from = start;
      let to = nl;
      if (this.pending.length > 0) {
        text = this.pending + chunk.slice(start, nl);
        from = 0;
        to = text.length;
        this.pending = "";
      }
      start = nl + 1;
      if (to > from && text.charCodeAt(to - 1) === 13) to--;
      if (to - from > this.maxLine) {
        this.onTooLong(this.lineNo);
        continue;
      }
      this.onLine(text, from, to, this.lineNo);
    }
  }

  /** Part of a line is held (the last chunk did not end with a newline). */
  get partial(): boolean {
    return this.pending.length > 0 || this.discarding;
  }

  end(): void {
    if (this.discarding) {
      this.discarding = false;
      this.pending = "";
      return;
    }
    if (this.pending.length > 0) {
      this.lineNo++;
      const line = this.pending;
      this.pending = "";
      const to = line.charCodeAt(line.length - 1) === 13 ? line.length - 1 : line.length;
      this.onLine(line, 0, to, this.lineNo);
    }
  }

  private keepPartial(chunk: string, start: number): void {
    if (this.discarding) return;
    const rest = start === 0 ? chunk : chunk.slice(start);
    if (this.pending.length + rest.length > this.maxLine + 1) {
      // Report now: waiting for the newline would mean buffering an unbounded line.
      this.onTooLong(this.lineNo + 1);
      this.discarding = true;
      this.pending = "";
      return;
    }
    this.pending = this.pending.length > 0 ? this.pending + rest : rest;
  }
}

/** ASCII codes that end a bare token (blank, CR, `;`, `(`, `)`, `"`) or escape the next char (`\\`). */
const ENDS_TOKEN = new Uint8Array(128);
for (const c of [32, 9, 13, 59, 40, 41, 34, 92]) ENDS_TOKEN[c] = 1;

/** One logical entry (RFC 1035 §5.1): a line, or several joined by parentheses. */
export interface Entry {
  texts: string[];
  cols: number[];
  lines: number[];
  quoted: boolean[];
  count: number;
  /** Line the entry starts on. */
  line: number;
  /** The entry's first line began with whitespace: the owner is the previous one. */
  blankOwner: boolean;
  /** A lexer error was reported for this entry; the parser must skip it. */
  failed: boolean;
}

/**
 * Turns physical lines into tokens of logical entries: handles `;` comments, parentheses across
 * lines, quoted strings and backslash escapes (which are kept in the token text and decoded by
 * whoever knows what the token means: a name, a character-string, ...).
 */
export class EntryLexer {
  readonly entry: Entry = {
    texts: [],
    cols: [],
    lines: [],
    quoted: [],
    count: 0,
    line: 0,
    blankOwner: false,
    failed: false,
  };
  private depth = 0;
  private chars = 0;
  private parenLine = 0;
  private parenCol = 0;

  constructor(private readonly limits: ZoneLimits) {}

  /** True while inside an unclosed parenthesis. */
  get open(): boolean {
    return this.depth > 0;
  }

  /** Location of the parenthesis still open, for the end-of-file error. */
  openedAt(): { line: number; column: number } {
    return { line: this.parenLine, column: this.parenCol };
  }

  /** Drops any half-read entry (after EOF errors). */
  reset(): void {
    this.depth = 0;
    this.entry.count = 0;
    this.entry.failed = false;
  }

  /**
   * Feeds one physical line, `text[from, to)` (default: all of `text`). Returns true when a complete entry is ready in `entry`.
   * Throws LexError for malformed input; the entry is then marked failed and, if a parenthesis
   * is still open, swallowed up to its close so the error is reported once.
   */
  line(text: string, lineNo: number, from = 0, to = text.length): boolean {
    const e = this.entry;
    if (this.depth === 0) {
      e.count = 0;
      e.line = lineNo;
      e.failed = false;
      this.chars = 0;
      const c0 = from < to ? text.charCodeAt(from) : -1;
      e.blankOwner = c0 === 32 || c0 === 9;
    }
    this.chars += to - from;
    if (this.chars > this.limits.maxEntryLength && !e.failed) {
      e.failed = true;
      this.skipParens(text, from, to);
      throw new LexError(`entry longer than ${this.limits.maxEntryLength} characters`, lineNo, 1, "limit");
    }
    if (e.failed) {
      this.skipParens(text, from, to);
      return this.depth === 0;
    }
    const n = to;
    let i = from;
    while (i < n) {
      let c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13) {
        i++;
        continue;
      }
      if (c === 59) break; // ';' comment
      if (c === 40) {
        if (this.depth === 0) {
          this.parenLine = lineNo;
          this.parenCol = i - from + 1;
        }
        this.depth++;
        i++;
        continue;
      }
      if (c === 41) {
        if (this.depth === 0) return this.fail("unbalanced ')'", lineNo, i - from + 1, text, i + 1, to);
        this.depth--;
        i++;
        continue;
      }
      const col = i - from + 1;
      if (c === 34) {
        // Quoted string: runs to the next unescaped quote on the same line.
        let j = i + 1;
        for (;;) {
          if (j >= n) return this.fail("unterminated quoted string", lineNo, col, text, n, to);
          c = text.charCodeAt(j);
          if (c === 92) j += 2;
          else if (c === 34) break;
          else j++;
        }
        if (!this.push(text.slice(i + 1, j), col, lineNo, true))
          return this.fail("too many tokens", lineNo, col, text, n, to);
        i = j + 1;
        continue;
      }
      let j = i;
      while (j < n) {
        c = text.charCodeAt(j);
        // One table look-up for the common octet instead of eight comparisons.
        if (c < 128 && ENDS_TOKEN[c] !== 0) {
          if (c !== 92) break;
          j += 2;
          continue;
        }
        j++;
      }
      if (j > n) j = n;
      if (!this.push(text.slice(i, j), col, lineNo, false))
        return this.fail("too many tokens", lineNo, col, text, n, to);
      i = j;
    }
    return this.depth === 0;
  }

  private push(text: string, col: number, line: number, quoted: boolean): boolean {
    const e = this.entry;
    const k = e.count;
    if (k >= this.limits.maxTokens) return false;
    e.texts[k] = text;
    e.cols[k] = col;
    e.lines[k] = line;
    e.quoted[k] = quoted;
    e.count = k + 1;
    return true;
  }

  private fail(reason: string, line: number, col: number, text: string, from: number, to: number): never {
    this.entry.failed = true;
    this.skipParens(text, from, to);
    throw new LexError(reason, line, col);
  }

  /** Tracks parentheses in a failed entry so its remaining lines are swallowed, not re-parsed. */
  private skipParens(text: string, from: number, to: number): void {
    let inQuote = false;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === 92) {
        i++;
      } else if (c === 34) {
        inQuote = !inQuote;
      } else if (!inQuote) {
        if (c === 59) return;
        if (c === 40) this.depth++;
        else if (c === 41 && this.depth > 0) this.depth--;
      }
    }
  }
}
