import {
  CLASS_IN,
  LOWERCASE_NAME_TYPES,
  RRType,
  classFromText,
  isMetaType,
  typeFromText,
  typeToText,
} from "./constants";
import {
  DEFAULT_LIMITS,
  EncodeError,
  MAX_RDATA_OCTETS,
  type ZoneErrorCode,
  type ZoneLimits,
  ZoneParseError,
} from "./errors";
import { bytesToLatin1 } from "./encoding";
import { EntryLexer, LexError, LineSplitter } from "./lexer";
import { type NameContext, writeName } from "./names";
import { TokenCursor, canonicalizeWireRdata, encodeRdata } from "./rdata/index";
import { looksLikeTtl, parseTtl } from "./ttl";
import type { RecordSink } from "./wire-zone";
import { Arena, ByteWriter } from "./writer";

/**
 * One resource record in canonical wire form (RFC 4034 §6.2): the owner and the embedded
 * names of the types listed there are lower-cased, nothing is compressed.
 */
export interface ZoneRecord {
  /** Owner name, uncompressed wire format, lower-cased. Consecutive records may share the array. */
  owner: Uint8Array;
  type: number;
  class: number;
  ttl: number;
  /** Canonical RDATA. */
  rdata: Uint8Array;
  /** Where the record came from (for messages). */
  file: string;
  line: number;
}

export interface IncludeRequest {
  /** The path exactly as written after $INCLUDE (unescaped). */
  path: string;
  /** Origin given on the $INCLUDE line, as written, or null. */
  origin: string | null;
  /** File (id) that contains the directive, and its line. */
  file: string;
  line: number;
  /** Ids of the files currently open, outermost first. */
  stack: readonly string[];
}

export interface IncludeSource {
  /**
   * Stable identity of the included file (e.g. its resolved real path). The parser refuses an
   * include whose id is already open, which is how loops are detected.
   */
  id: string;
  /** Display name for messages; defaults to id. */
  name?: string;
  /** The file's text, whole or as chunks (an iterator keeps large includes out of memory). */
  content: string | Iterable<string>;
}

/**
 * Resolves $INCLUDE. The caller owns all I/O and policy (confining paths to a directory);
 * throwing refuses the include and becomes a located parse error.
 */
export type IncludeResolver = (req: IncludeRequest) => IncludeSource;

export interface ZoneParserOptions {
  /** Initial $ORIGIN (absolute; a trailing dot is added if missing). */
  origin?: string;
  /** Name of the top-level input, used in errors. Default "<input>". */
  file?: string;
  /**
   * TTL for records before any $TTL or explicit TTL. 3600 matches ldns and Unbound; BIND
   * would use the SOA minimum instead.
   */
  defaultTtl?: number;
  /**
   * TTL of a record written without one, when no $TTL is in effect:
   * - "last" (default): the last explicitly stated TTL, as RFC 1035 §5.1 says (BIND, dnspython);
   * - "default": `defaultTtl`, ignoring earlier records (ldns, Unbound). The
   *   wessels/zonemd-test-cases digests (case 22) were generated this way.
   * With $TTL in effect both use $TTL (RFC 2308 §4).
   */
  omittedTtl?: "last" | "default";
  /**
   * With no origin given, adopt the owner of the first SOA (when written absolute) as $ORIGIN,
   * like ldns does, so zones such as RFC 8976 Appendix A parse stand-alone. Default true.
   */
  inferOrigin?: boolean;
  /** Class for records before any explicit class. Default IN. */
  defaultClass?: number;
  include?: IncludeResolver;
  /**
   * Input text was decoded byte-for-byte (latin1), so each char is one octet. Otherwise
   * non-ASCII characters are encoded as UTF-8 in names and strings.
   */
  latin1?: boolean;
  limits?: Partial<ZoneLimits>;
  /**
   * Records go to the sink instead of being returned (push() and end() then return []): no
   * ZoneRecord object per record, for zones too large to hold that way.
   */
  sink?: RecordSink;
  /**
   * Continue a parse from a snapshot() taken at the same place of the same file (by another
   * parser, e.g. on another thread): directives' state, TTL and class defaults, line numbers.
   */
  resume?: ParserSnapshot;
}

/** What a parse carries from one line to the next in the top-level file (see ZoneParser.snapshot). */
export interface ParserSnapshot {
  origin: Uint8Array | null;
  dollarTtl: number | null;
  lastTtl: number | null;
  lastClass: number | null;
  /** Lines read so far. */
  line: number;
}

interface Frame {
  id: string;
  file: string;
  splitter: LineSplitter;
  lexer: EntryLexer;
  ctx: NameContext;
  lastOwner: Uint8Array | null;
  lastOwnerText: string | null;
  lastOwnerOrigin: Uint8Array | null;
  lastTtl: number | null;
  dollarTtl: number | null;
  lastClass: number | null;
}

/**
 * Incremental RFC 1035 §5 master-file parser. Feed text in any chunking with `push`; each
 * call returns the records completed so far. Errors never throw: they are collected in
 * `errors` (with file, line, column) and the bad entry is skipped.
 */
export class ZoneParser {
  readonly errors: ZoneParseError[] = [];
  readonly limits: ZoneLimits;
  private readonly stack: Frame[] = [];
  private readonly w = new ByteWriter(4096);
  private readonly arena = new Arena();
  private readonly cursor = new TokenCursor();
  private readonly opts: ZoneParserOptions;
  private out: ZoneRecord[] = [];
  private aborted = false;
  private ended = false;
  private count = 0;
  private readonly lastTtlWins: boolean;

  constructor(opts: ZoneParserOptions = {}) {
    this.opts = opts;
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.lastTtlWins = opts.omittedTtl !== "default";
    let origin: Uint8Array | null = null;
    const file = opts.file ?? "<input>";
    if (opts.origin !== undefined) {
      try {
        const text = opts.origin.endsWith(".") ? opts.origin : `${opts.origin}.`;
        this.w.reset();
        writeName(this.w, text, { origin: null, latin1: opts.latin1 === true }, false);
        origin = this.w.copy();
      } catch (err) {
        this.report("bad_name", `invalid origin: ${(err as Error).message}`, file, 0, 0);
      }
    }
    const top = this.newFrame(file, file, origin, null);
    const r = opts.resume;
    if (r !== undefined) {
      top.ctx = { origin: r.origin, latin1: top.ctx.latin1 };
      top.dollarTtl = r.dollarTtl;
      top.lastTtl = r.lastTtl;
      top.lastClass = r.lastClass;
      top.splitter.lineNo = r.line;
    }
    this.stack.push(top);
  }

  /**
   * The state between two lines of the top-level file, or null inside an entry (an open
   * parenthesis, a partly pushed line). A parser given it as `resume` and the rest of the file
   * yields what this one would have; the previous owner is not carried, so the next line
   * must name its owner.
   */
  snapshot(): ParserSnapshot | null {
    const f = this.stack[0]!;
    if (this.stack.length !== 1 || f.lexer.open || f.splitter.partial) return null;
    return {
      origin: f.ctx.origin,
      dollarTtl: f.dollarTtl,
      lastTtl: f.lastTtl,
      lastClass: f.lastClass,
      line: f.splitter.lineNo,
    };
  }

  /** Records parsed so far (all pushes). */
  get recordCount(): number {
    return this.count;
  }

  /** Current $ORIGIN of the top-level file, wire form. */
  get origin(): Uint8Array | null {
    return this.stack[0]?.ctx.origin ?? null;
  }

  push(chunk: string): ZoneRecord[] {
    this.out = [];
    if (!this.aborted && !this.ended) this.stack[0]!.splitter.push(chunk);
    return this.out;
  }

  end(): ZoneRecord[] {
    this.out = [];
    if (!this.ended) {
      this.ended = true;
      if (!this.aborted) this.finishFrame(this.stack[0]!);
    }
    return this.out;
  }

  private newFrame(id: string, file: string, origin: Uint8Array | null, parent: Frame | null): Frame {
    const lexer = new EntryLexer(this.limits);
    const frame: Frame = {
      id,
      file,
      lexer,
      splitter: undefined as unknown as LineSplitter,
      ctx: { origin, latin1: this.opts.latin1 === true },
      lastOwner: parent?.lastOwner ?? null,
      lastOwnerText: null,
      lastOwnerOrigin: null,
      lastTtl: parent?.lastTtl ?? null,
      dollarTtl: parent?.dollarTtl ?? null,
      lastClass: parent?.lastClass ?? null,
    };
    frame.splitter = new LineSplitter(
      this.limits.maxLineLength,
      (text, from, to, lineNo) => this.onLine(frame, text, from, to, lineNo),
      (lineNo) =>
        this.report(
          "limit",
          `line longer than ${this.limits.maxLineLength} characters`,
          frame.file,
          lineNo,
          1,
        ),
    );
    return frame;
  }

  private finishFrame(f: Frame): void {
    f.splitter.end();
    if (f.lexer.open && !this.aborted) {
      const at = f.lexer.openedAt();
      this.report("syntax", "unclosed '(' at end of file", f.file, at.line, at.column);
    }
    f.lexer.reset();
  }

  private onLine(f: Frame, text: string, from: number, to: number, lineNo: number): void {
    if (this.aborted) return;
    let complete: boolean;
    try {
      complete = f.lexer.line(text, lineNo, from, to);
    } catch (err) {
      if (err instanceof LexError) {
        this.report(err.code, err.message, f.file, err.line, err.column);
        return;
      }
      throw err;
    }
    if (complete) this.entry(f);
  }

  private report(code: ZoneErrorCode, reason: string, file: string, line: number, column: number): void {
    if (this.aborted) return;
    this.errors.push(new ZoneParseError(code, reason, file, line, column));
    if (this.errors.length >= this.limits.maxErrors) {
      this.aborted = true;
      this.errors.push(
        new ZoneParseError(
          "too_many_errors",
          `stopped after ${this.limits.maxErrors} errors`,
          file,
          line,
          column,
        ),
      );
    }
  }

  /** Column of token `i`, or just past the last token when `i` is beyond the entry. */
  private colOf(f: Frame, i: number): { line: number; col: number } {
    const e = f.lexer.entry;
    if (i < e.count) return { line: e.lines[i]!, col: e.cols[i]! };
    if (e.count === 0) return { line: e.line, col: 1 };
    const k = e.count - 1;
    return { line: e.lines[k]!, col: e.cols[k]! + e.texts[k]!.length + (e.quoted[k] ? 2 : 0) };
  }

  private fail(f: Frame, i: number, err: unknown): void {
    const at = this.colOf(f, i);
    if (err instanceof EncodeError) {
      this.report(err.code, err.message, f.file, at.line, at.col);
    } else {
      // Never let an unexpected failure escape to the caller as a crash; keep it located.
      this.report(
        "bad_rdata",
        `internal error: ${(err as Error)?.message ?? String(err)}`,
        f.file,
        at.line,
        at.col,
      );
    }
  }

  private entry(f: Frame): void {
    const e = f.lexer.entry;
    if (e.failed || e.count === 0) return;
    let i = 0;
    let owner: Uint8Array;
    try {
      if (!e.blankOwner) {
        const first = e.texts[0]!;
        if (!e.quoted[0] && first.charCodeAt(0) === 36) {
          this.directive(f);
          return;
        }
        if (first === f.lastOwnerText && f.ctx.origin === f.lastOwnerOrigin && f.lastOwner !== null) {
          owner = f.lastOwner;
        } else {
          this.w.reset();
          writeName(this.w, first, f.ctx, true);
          owner = this.arena.copy(this.w.buf, 0, this.w.len);
          f.lastOwner = owner;
          f.lastOwnerText = first;
          f.lastOwnerOrigin = f.ctx.origin;
        }
        i = 1;
      } else {
        if (f.lastOwner === null)
          throw new EncodeError("record has no owner name and no previous owner", "syntax");
        owner = f.lastOwner;
      }

      // RFC 1035 §5.1: [<TTL>] [<class>] or [<class>] [<TTL>], both optional.
      let ttl = -1;
      let cls = -1;
      while (i < e.count && !e.quoted[i]) {
        const t = e.texts[i]!;
        if (ttl < 0 && looksLikeTtl(t)) {
          ttl = parseTtl(t);
          i++;
          continue;
        }
        if (cls < 0) {
          const c = classFromText(t);
          if (c !== undefined) {
            cls = c;
            i++;
            continue;
          }
        }
        break;
      }
      if (i >= e.count) throw new EncodeError("missing RR type", "syntax");
      const typeText = e.texts[i]!;
      const type = e.quoted[i] ? undefined : typeFromText(typeText);
      if (type === undefined) {
        const nextIsType = i + 1 < e.count && typeFromText(e.texts[i + 1]!) !== undefined;
        if (cls < 0 && nextIsType) throw new EncodeError(`unknown class '${typeText}'`, "unknown_class");
        throw new EncodeError(`unknown RR type '${typeText}'`, "unknown_type");
      }
      if (isMetaType(type))
        throw new EncodeError(`${typeText} is a meta type and cannot appear in a zone`, "unknown_type");
      i++;

      if (ttl >= 0) f.lastTtl = ttl;
      else ttl = f.dollarTtl ?? (this.lastTtlWins ? f.lastTtl : null) ?? this.opts.defaultTtl ?? 3600;
      if (cls >= 0) f.lastClass = cls;
      else cls = f.lastClass ?? this.opts.defaultClass ?? CLASS_IN;

      if (type === RRType.SOA && f.ctx.origin === null && this.opts.inferOrigin !== false && !e.blankOwner) {
        const first = e.texts[0]!;
        if (first.endsWith(".") && !first.endsWith("\\.")) f.ctx = { origin: owner, latin1: f.ctx.latin1 };
      }
      const lower = LOWERCASE_NAME_TYPES.has(type);
      const typeName = typeToText(type);
      this.w.reset();
      this.cursor.reset(e, i, f.ctx, typeName);
      let generic: boolean;
      try {
        generic = encodeRdata(type, this.cursor, this.w, lower);
      } catch (err) {
        i = this.cursor.pos;
        throw err;
      }
      if (this.w.len > MAX_RDATA_OCTETS)
        throw new EncodeError(`${typeName}: RDATA longer than 65535 octets`, "limit");
      const sink = this.opts.sink;
      if (sink !== undefined) {
        if (generic) {
          i = this.cursor.pos - 1;
          canonicalizeWireRdata(type, this.w.buf.subarray(0, this.w.len), typeName);
        }
        sink.add(owner, type, cls, ttl, this.w.buf, this.w.len, e.line);
        this.count++;
        return;
      }
      const rdata = this.arena.copy(this.w.buf, 0, this.w.len);
      if (generic) {
        i = this.cursor.pos - 1;
        canonicalizeWireRdata(type, rdata, typeName);
      }
      this.count++;
      this.out.push({ owner, type, class: cls, ttl, rdata, file: f.file, line: e.line });
    } catch (err) {
      this.fail(f, i, err);
    }
  }

  private directive(f: Frame): void {
    const e = f.lexer.entry;
    const name = e.texts[0]!.toUpperCase();
    let i = 1;
    const arg = (what: string): string => {
      if (i >= e.count) throw new EncodeError(`${name}: missing ${what}`, "directive");
      return e.texts[i++]!;
    };
    const noMore = (): void => {
      if (i < e.count) throw new EncodeError(`${name}: unexpected '${e.texts[i]}'`, "directive");
    };
    try {
      if (name === "$ORIGIN") {
        const t = arg("domain name");
        this.w.reset();
        writeName(this.w, t, f.ctx, false);
        noMore();
        f.ctx = { origin: this.w.copy(), latin1: f.ctx.latin1 };
      } else if (name === "$TTL") {
        const t = arg("TTL");
        const ttl = parseTtl(t);
        noMore();
        f.dollarTtl = ttl;
      } else if (name === "$INCLUDE") {
        const path = arg("file name");
        const origin = i < e.count ? arg("origin") : null;
        noMore();
        this.include(f, path, origin);
      } else {
        i = 0;
        throw new EncodeError(`unsupported directive ${e.texts[0]}`, "directive");
      }
    } catch (err) {
      this.fail(f, Math.max(0, i - 1), err);
    }
  }

  private include(f: Frame, rawPath: string, originText: string | null): void {
    const e = f.lexer.entry;
    const line = e.line;
    const resolver = this.opts.include;
    if (resolver === undefined)
      throw new EncodeError("$INCLUDE is not allowed here (no include resolver)", "include");
    if (this.stack.length > this.limits.maxIncludeDepth) {
      throw new EncodeError(`$INCLUDE nested deeper than ${this.limits.maxIncludeDepth}`, "include");
    }
    let origin = f.ctx.origin;
    if (originText !== null) {
      this.w.reset();
      writeName(this.w, originText, f.ctx, false);
      origin = this.w.copy();
    }
    let path: string;
    try {
      path = String.fromCharCode(...unescapePath(rawPath));
    } catch {
      path = rawPath;
    }
    const stack = this.stack.map((fr) => fr.id);
    let src: IncludeSource;
    try {
      src = resolver({ path, origin: originText, file: f.id, line, stack });
    } catch (err) {
      throw new EncodeError(`cannot include '${path}': ${(err as Error).message ?? String(err)}`, "include");
    }
    if (stack.includes(src.id)) {
      throw new EncodeError(`$INCLUDE loop: ${[...stack, src.id].join(" -> ")}`, "include_loop");
    }
    const child = this.newFrame(src.id, src.name ?? src.id, origin, f);
    this.stack.push(child);
    try {
      if (typeof src.content === "string") {
        child.splitter.push(src.content);
      } else {
        for (const chunk of src.content) {
          if (this.aborted) break;
          child.splitter.push(chunk);
        }
      }
      if (!this.aborted) this.finishFrame(child);
    } catch (err) {
      // The resolver's iterator failed mid-file (e.g. a read error).
      if (err instanceof EncodeError || err instanceof ZoneParseError) throw err;
      this.report("include", `error reading '${path}': ${(err as Error).message}`, child.file, 0, 0);
    } finally {
      this.stack.pop();
    }
  }
}

function unescapePath(raw: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 92 && i + 1 < raw.length) {
      out.push(raw.charCodeAt(i + 1));
      i++;
    } else {
      out.push(c);
    }
  }
  return out;
}

export { bytesToLatin1 };

export interface ParseResult {
  records: ZoneRecord[];
  errors: ZoneParseError[];
  /** $ORIGIN in effect at the end of the top-level file (wire form), if any. */
  origin: Uint8Array | null;
}

/** Parses a whole zone given as a string or as chunks. */
export function parseZone(source: string | Iterable<string>, opts: ZoneParserOptions = {}): ParseResult {
  const p = new ZoneParser(opts);
  const records: ZoneRecord[] = [];
  const add = (batch: ZoneRecord[]): void => {
    for (let i = 0; i < batch.length; i++) records.push(batch[i]!);
  };
  if (typeof source === "string") add(p.push(source));
  else for (const chunk of source) add(p.push(chunk));
  add(p.end());
  return { records, errors: p.errors, origin: p.origin };
}

export interface ParseBatch {
  records: ZoneRecord[];
  errors: ZoneParseError[];
}

/**
 * Async streaming parse of text or byte chunks (bytes are decoded latin1, one char per
 * octet, so zone bytes survive unchanged). Yields what each chunk completed; errors are
 * yielded once, as they appear.
 */
export async function* parseZoneStream(
  source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  opts: ZoneParserOptions = {},
): AsyncGenerator<ParseBatch> {
  let p: ZoneParser | null = null;
  let seen = 0;
  const newErrors = (parser: ZoneParser): ZoneParseError[] => {
    const errs = parser.errors.slice(seen);
    seen = parser.errors.length;
    return errs;
  };
  for await (const chunk of source) {
    if (p === null) p = new ZoneParser({ ...opts, latin1: opts.latin1 ?? typeof chunk !== "string" });
    const text = typeof chunk === "string" ? chunk : bytesToLatin1(chunk);
    const records = p.push(text);
    const errors = newErrors(p);
    if (records.length > 0 || errors.length > 0) yield { records, errors };
  }
  p ??= new ZoneParser(opts);
  const records = p.end();
  yield { records, errors: newErrors(p) };
}
